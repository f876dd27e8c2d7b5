import cssColorTable from 'color-name';
import { converter, differenceCiede2000 } from 'culori';

/** An RGB triple, 0..255 per channel. */
export type Rgb = readonly [number, number, number];

/** A CIE L*a*b* colour as culori computes it (D50), for CIEDE2000 differences. */
export interface LabD50 {
  mode: 'lab';
  l: number;
  a: number;
  b: number;
}

/** One CSS colour keyword with its Lab value and the basic colour family it belongs to. */
export interface CssColor {
  /** The CSS keyword (`navy`, `firebrick`). */
  name: string;
  rgb: Rgb;
  lab: LabD50;
  /** Basic colour term of its hue group (`blue` for navy, `red` for firebrick). */
  family: string;
}

/**
 * The CSS keywords grouped by hue, as the common "HTML colour groups" list them (W3Schools / MDN), black taken
 * out of the grays as its own basic term. A general table: nothing in it comes from the engine's palette.
 */
const cssFamilies: Readonly<Record<string, string>> = {
  black: 'black',
  white:
    'white snow honeydew mintcream azure aliceblue ghostwhite whitesmoke seashell beige oldlace floralwhite ivory antiquewhite linen lavenderblush mistyrose',
  gray: 'gainsboro lightgray lightgrey silver darkgray darkgrey gray grey dimgray dimgrey lightslategray lightslategrey slategray slategrey darkslategray darkslategrey',
  red: 'indianred lightcoral salmon darksalmon lightsalmon crimson red firebrick darkred',
  pink: 'pink lightpink hotpink deeppink palevioletred mediumvioletred',
  orange: 'orange darkorange coral tomato orangered',
  yellow:
    'gold yellow lightyellow lemonchiffon lightgoldenrodyellow papayawhip moccasin peachpuff palegoldenrod khaki darkkhaki',
  green:
    'greenyellow chartreuse lawngreen lime limegreen palegreen lightgreen mediumspringgreen springgreen mediumseagreen seagreen forestgreen green darkgreen yellowgreen olivedrab olive darkolivegreen mediumaquamarine darkseagreen lightseagreen darkcyan teal',
  blue: 'aqua cyan lightcyan paleturquoise aquamarine turquoise mediumturquoise darkturquoise cadetblue steelblue lightsteelblue powderblue lightblue skyblue lightskyblue deepskyblue dodgerblue cornflowerblue royalblue blue mediumblue darkblue navy midnightblue',
  purple:
    'lavender thistle plum violet orchid fuchsia magenta mediumorchid mediumpurple rebeccapurple blueviolet darkviolet darkorchid darkmagenta purple indigo slateblue darkslateblue mediumslateblue',
  brown:
    'cornsilk blanchedalmond bisque navajowhite wheat burlywood tan rosybrown sandybrown goldenrod darkgoldenrod peru chocolate saddlebrown sienna brown maroon',
};

const familyOf = new Map<string, string>(
  Object.entries(cssFamilies).flatMap(([family, list]) =>
    list.split(' ').map((name) => [name, family] as const),
  ),
);

const toLab = converter('lab');

/** CIEDE2000 colour difference: about 1 is barely visible, 10 a clearly different shade, 30+ another colour. */
export const deltaE2000: (a: LabD50, b: LabD50) => number = differenceCiede2000();

/** An sRGB triple (0..255) as Lab for `deltaE2000`. */
export function labOf(rgb: Rgb): LabD50 {
  const lab = toLab({ mode: 'rgb', r: rgb[0] / 255, g: rgb[1] / 255, b: rgb[2] / 255 });
  return { mode: 'lab', l: lab.l, a: lab.a, b: lab.b };
}

/** The 148 CSS colour keywords (`color-name`), each with its Lab value and hue family. */
export const cssColors: readonly CssColor[] = Object.entries(cssColorTable).map(([name, rgb]) => {
  const family = familyOf.get(name);
  if (family === undefined) throw new Error(`css-colors: keyword ${name} has no hue family`);
  return { name, rgb, lab: labOf(rgb), family };
});

/** The CSS colour by keyword, or undefined. */
export const cssColorByName: ReadonlyMap<string, CssColor> = new Map(
  cssColors.map((color) => [color.name, color]),
);

/**
 * CIE76 candidates kept before the CIEDE2000 decision (CIEDE2000 is ~50x dearer than a Euclidean distance; CIE76
 * overrates blue differences, so the list is long: on an 11^3 grid of colours it picks the exhaustive search's
 * keyword for 1330 of 1331).
 */
const shortlist = 32;
/** Lazily filled nearest-keyword index per 15-bit colour cell; -1 until computed. */
const nearestCell = new Int16Array(32 * 32 * 32).fill(-1);

/**
 * Index in `cssColors` of the keyword nearest (CIEDE2000) to an RGB colour, quantised to 5 bits a channel and
 * memoised. The Euclidean Lab distance shortlists 32 keywords first; CIEDE2000 decides among them.
 */
export function nearestCssIndex(red: number, green: number, blue: number): number {
  const cell = ((red >> 3) << 10) | ((green >> 3) << 5) | (blue >> 3);
  const known = nearestCell[cell]!;
  if (known >= 0) return known;
  const lab = labOf([((red >> 3) << 3) + 4, ((green >> 3) << 3) + 4, ((blue >> 3) << 3) + 4]);
  const ranked = cssColors
    .map((color, index) => ({
      index,
      distance: (color.lab.l - lab.l) ** 2 + (color.lab.a - lab.a) ** 2 + (color.lab.b - lab.b) ** 2,
    }))
    .sort((x, y) => x.distance - y.distance)
    .slice(0, shortlist);
  let best = ranked[0]!.index;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const { index } of ranked) {
    const distance = deltaE2000(lab, cssColors[index]!.lab);
    if (distance < bestDistance) {
      best = index;
      bestDistance = distance;
    }
  }
  nearestCell[cell] = best;
  return best;
}
