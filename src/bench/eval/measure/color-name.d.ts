// color-name ships no types: its default export is the CSS named-colour table.
declare module 'color-name' {
  /** CSS/X11 colour names, lower case, to sRGB 0..255. */
  const colours: Readonly<Record<string, readonly [number, number, number]>>;
  export default colours;
}
