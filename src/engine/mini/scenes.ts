import type { Rgb } from '../../frame/color-names.js';

/** A backdrop the decoder draws: sky or wall, ground or floor, horizon and props. */
export interface Backdrop {
  sky: Rgb;
  ground: Rgb;
  /** Horizon height as a fraction of the frame from the top. */
  horizon: number;
  /** Prop kind drawn between sky and ground. */
  props: 'trees' | 'buildings' | 'shelves' | 'counter' | 'water' | 'stalls' | 'desks' | 'pillars' | 'none';
  /** Prop colour. */
  prop: Rgb;
}

/** Backdrops by setting id; `plain` when the prompt names no setting. */
export const BACKDROPS: Readonly<Record<string, Backdrop>> = {
  plain: { sky: [200, 205, 215], ground: [150, 150, 150], horizon: 0.55, props: 'none', prop: [0, 0, 0] },
  park: { sky: [150, 200, 240], ground: [90, 160, 80], horizon: 0.5, props: 'trees', prop: [40, 110, 50] },
  street: {
    sky: [60, 70, 100],
    ground: [70, 70, 75],
    horizon: 0.55,
    props: 'buildings',
    prop: [110, 100, 120],
  },
  kitchen: {
    sky: [235, 225, 200],
    ground: [180, 150, 120],
    horizon: 0.6,
    props: 'counter',
    prop: [200, 200, 205],
  },
  beach: {
    sky: [170, 210, 240],
    ground: [225, 205, 160],
    horizon: 0.5,
    props: 'water',
    prop: [60, 130, 190],
  },
  library: { sky: [160, 120, 90], ground: [120, 80, 55], horizon: 0.6, props: 'shelves', prop: [95, 60, 35] },
  platform: {
    sky: [175, 180, 185],
    ground: [110, 110, 115],
    horizon: 0.55,
    props: 'pillars',
    prop: [90, 95, 100],
  },
  market: {
    sky: [190, 215, 235],
    ground: [170, 150, 120],
    horizon: 0.55,
    props: 'stalls',
    prop: [200, 90, 60],
  },
  office: {
    sky: [220, 225, 230],
    ground: [140, 145, 150],
    horizon: 0.6,
    props: 'desks',
    prop: [170, 160, 140],
  },
  forest: { sky: [180, 200, 190], ground: [80, 100, 60], horizon: 0.5, props: 'trees', prop: [30, 80, 45] },
  rooftop: {
    sky: [240, 160, 100],
    ground: [120, 110, 105],
    horizon: 0.55,
    props: 'buildings',
    prop: [80, 70, 90],
  },
  cafe: { sky: [210, 180, 150], ground: [140, 100, 70], horizon: 0.6, props: 'counter', prop: [110, 70, 45] },
  harbor: {
    sky: [185, 210, 230],
    ground: [140, 115, 85],
    horizon: 0.55,
    props: 'water',
    prop: [40, 90, 140],
  },
  garden: { sky: [160, 210, 240], ground: [100, 170, 70], horizon: 0.5, props: 'trees', prop: [60, 130, 60] },
  snow: {
    sky: [200, 210, 225],
    ground: [240, 240, 245],
    horizon: 0.5,
    props: 'buildings',
    prop: [130, 90, 60],
  },
  desert: { sky: [240, 210, 160], ground: [215, 175, 120], horizon: 0.5, props: 'none', prop: [0, 0, 0] },
  stage: { sky: [50, 40, 45], ground: [120, 85, 55], horizon: 0.6, props: 'pillars', prop: [150, 40, 50] },
};

/** The backdrop of a setting id (plain when unknown). */
export function backdropOf(setting: string | null): Backdrop {
  return (setting === null ? undefined : BACKDROPS[setting]) ?? BACKDROPS.plain!;
}

/** A setting's canonical palette: sky RGB then ground RGB in [0, 1]. */
export function canonicalPalette(setting: string | null): Float32Array {
  const backdrop = backdropOf(setting);
  return Float32Array.from([...backdrop.sky, ...backdrop.ground].map((value) => value / 255));
}
