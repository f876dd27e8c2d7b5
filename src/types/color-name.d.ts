/** Types of `color-name` (the CSS named colours; the package ships none). */
declare module 'color-name' {
  /** Each CSS colour keyword with its RGB triple, 0..255 per channel. */
  const colorName: Readonly<Record<string, readonly [number, number, number]>>;
  export default colorName;
}
