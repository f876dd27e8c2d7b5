/** One figure token of a latent frame. */
export interface FigureToken {
  /** Appearance vector (APPEARANCE_SIZE entries in [0, 1]; layout in appearance.ts). */
  appearance: Float32Array;
  /** Horizontal position of the figure's centre, 0 (left) to 1 (right). */
  x: number;
  /** Depth, 0 (far) to 1 (near). */
  depth: number;
  /** Walking phase in cycles. */
  phase: number;
  /** Binding vector (BINDING_SIZE): the words this figure was bound to when its keys were written. */
  binding: Float32Array;
  /** The prompt mention text it was bound to, or null for an unbound continuation. */
  mention: string | null;
  /** The prompt under which its keys were written (a switch without recache leaves it stale). */
  keyPrompt: string;
  /** Latent frames since a prompt mention last bound it (0 when bound now). */
  unbound: number;
}

/** The scene token of a latent frame. */
export interface SceneToken {
  /** Backdrop id (`park`, `street`, ...) or null for a plain backdrop. */
  setting: string | null;
  /** Sky/wall RGB then ground/floor RGB, in [0, 1]. */
  palette: Float32Array;
  /** Binding vector of the setting word (zero when none). */
  binding: Float32Array;
}

/** A generated latent frame: one scene token and up to six figure tokens. */
export interface LatentFrame {
  /** Latent frame index (its temporal position). */
  index: number;
  /** The prompt text that conditioned it (the blend target during a soft transition). */
  prompt: string;
  scene: SceneToken;
  figures: FigureToken[];
}

/** A frame as seen from the context of the frame being generated. */
export interface ContextFrame {
  /** Temporal position: the original latent frame index (bank frames keep theirs). */
  position: number;
  /** Which part of the context it sits in. */
  part: 'sink' | 'bank' | 'local';
  scene: SceneToken;
  figures: readonly FigureToken[];
}

/** Most figure tokens one latent frame holds. */
export const MAX_FIGURES = 6;

/** A deep copy of a figure token (frames never share mutable vectors). */
export function copyFigure(figure: FigureToken): FigureToken {
  return { ...figure, appearance: figure.appearance.slice(), binding: figure.binding.slice() };
}
