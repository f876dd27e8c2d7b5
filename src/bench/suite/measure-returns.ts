import { buildTimeline, segmentAt } from '../../script/timeline.js';
import { genderRole } from './create-character.js';
import { SETTINGS } from './settings.js';
import { containsWord } from './suite-checks.js';
import type { SuiteDimension, SuiteScript } from './suite-script.js';
import { FEMALE_NAMES, MALE_NAMES } from './vocabulary.js';

/** The context layout a return is measured against. */
export interface ReturnContext {
  /** Sink latent frames at the start of the video. */
  sinkFrames: number;
  /** Local window in latent frames, including the chunk being generated. */
  localFrames: number;
  /** Latent frames per chunk. */
  chunkFrames: number;
  /** Video frames per second. */
  fps: number;
  /** Seconds each prompt lasts. */
  secondsPerPrompt: number;
}

/** DESIGN.md's reference context, in latent frames, and the suite's prompt length. */
export const REFERENCE_CONTEXT: Readonly<ReturnContext> = {
  /** Sink: the first chunk, kept for the whole video. */
  sinkFrames: 3,
  /** Rolling local window, including the chunk being generated. */
  localFrames: 9,
  chunkFrames: 3,
  fps: 16,
  secondsPerPrompt: 10,
};

/** How a prompt refers to a character: its name, its role ("the nurse"), a pronoun, or a description. */
export type ReferenceKind = 'name' | 'role' | 'pronoun' | 'description';

/** A character back on screen in a prompt after at least one prompt away. */
export interface SuiteReturn {
  script: string;
  dimension: SuiteDimension;
  character: string;
  /** 0-based prompt of the return. */
  prompt: number;
  /** On screen in a prompt whose span holds a sink frame. */
  inSink: boolean;
  /** On screen in a prompt whose span holds a frame of the local window of the return's first chunk. */
  inWindow: boolean;
  /** The prompt states one of the character's attributes in effect (its `attrs` or changes so far). */
  restated: boolean;
  /** The kinds of the character's aliases the prompt uses, sorted. */
  references: ReferenceKind[];
}

const NAMES = new Set<string>([...FEMALE_NAMES, ...MALE_NAMES]);
const ROLES = [
  ...new Set(
    SETTINGS.flatMap((setting) => setting.roles.flatMap((role) => [role, genderRole(role, 'female')])),
  ),
];
const ROLE_ALIAS = new RegExp(
  `^the (?:(?:young|middle-aged|old|first|second|new) )?(?:${ROLES.join('|')})$`,
  'i',
);

/** The kind of an alias: a name from the name lists, she/he, "the [first|young] <role>", else a description. */
export function classifyAlias(alias: string): ReferenceKind {
  if (NAMES.has(alias)) return 'name';
  if (/^(she|he)$/i.test(alias)) return 'pronoun';
  if (ROLE_ALIAS.test(alias)) return 'role';
  return 'description';
}

/**
 * Every return of a script, measured on the latent timeline: the prompts are laid out as the pipeline lays them
 * (switch frames snapped to chunks), and a return is in the sink or the local window when a prompt on screen
 * over those frames lists the character.
 */
export function findReturns(
  script: SuiteScript,
  context: Readonly<ReturnContext> = REFERENCE_CONTEXT,
): SuiteReturn[] {
  const timeline = buildTimeline(
    {
      prompts: script.prompts,
      seconds: script.prompts.map(() => context.secondsPerPrompt),
      fps: context.fps,
    },
    { chunkFrames: context.chunkFrames },
  );
  const onScreenOver = (from: number, to: number, key: string) => {
    for (let frame = Math.max(0, from); frame < to; frame++) {
      if (script.present[segmentAt(timeline, frame).index]?.includes(key)) return true;
    }
    return false;
  };
  const returns: SuiteReturn[] = [];
  for (const [key, character] of Object.entries(script.characters)) {
    script.present.forEach((keys, index) => {
      const seen = script.present.slice(0, index).some((earlier) => earlier.includes(key));
      if (index === 0 || !keys.includes(key) || !seen || script.present[index - 1]!.includes(key)) return;
      const start = timeline.segments[index]!.startFrame;
      const prompt = script.prompts[index]!;
      const inEffect = [
        ...character.attrs,
        ...Object.entries(character.changes ?? {})
          .filter(([number]) => Number(number) <= index + 1)
          .flatMap(([, phrases]) => phrases),
      ];
      const references = new Set(
        character.aliases.filter((alias) => containsWord(prompt, alias)).map(classifyAlias),
      );
      returns.push({
        script: script.id,
        dimension: script.dimension,
        character: key,
        prompt: index,
        inSink: onScreenOver(0, context.sinkFrames, key),
        inWindow: onScreenOver(
          Math.max(context.sinkFrames, start + context.chunkFrames - context.localFrames),
          start,
          key,
        ),
        restated: inEffect.some((phrase) => containsWord(prompt, phrase)),
        references: [...references].sort(),
      });
    });
  }
  return returns.sort((a, b) => a.prompt - b.prompt || a.character.localeCompare(b.character));
}

/** The three suite properties over a set of returns. */
export interface ReturnStats {
  returns: number;
  /** Returns on screen in the sink. */
  inSink: number;
  /** Returns on screen in the local window of their first chunk. */
  inWindow: number;
  /** Share of returns absent from both the sink and the local window. */
  unseen: number;
  /** Characters that return at least once (script and key). */
  characters: number;
  /** Share of those characters absent from the sink and the local window at every one of their returns. */
  unseenCharacters: number;
  /** Share of returns that do not restate an attribute. */
  unrestated: number;
  /** Returns named by a pronoun only, without restating. */
  pronounOnly: number;
  /** Returns named by the role only, without restating. */
  roleOnly: number;
}

/** Summarizes returns. */
export function summarizeReturns(returns: readonly SuiteReturn[]): ReturnStats {
  const only = (kind: ReferenceKind) =>
    returns.filter((entry) => !entry.restated && entry.references.join() === kind).length;
  const share = (count: number) => (returns.length === 0 ? 0 : count / returns.length);
  const byCharacter = new Map<string, boolean>();
  for (const entry of returns) {
    const id = `${entry.script}/${entry.character}`;
    byCharacter.set(id, (byCharacter.get(id) ?? true) && !entry.inSink && !entry.inWindow);
  }
  const unseenCharacters = [...byCharacter.values()].filter(Boolean).length;
  return {
    returns: returns.length,
    inSink: returns.filter((entry) => entry.inSink).length,
    inWindow: returns.filter((entry) => entry.inWindow).length,
    unseen: share(returns.filter((entry) => !entry.inSink && !entry.inWindow).length),
    characters: byCharacter.size,
    unseenCharacters: byCharacter.size === 0 ? 0 : unseenCharacters / byCharacter.size,
    unrestated: share(returns.filter((entry) => !entry.restated).length),
    pronounOnly: only('pronoun'),
    roleOnly: only('role'),
  };
}

/** The stats of a suite, overall and per dimension, as a plain-text table. */
export function formatReturnStats(scripts: readonly SuiteScript[]): string {
  const returns = scripts.flatMap((script) => findReturns(script));
  const dimensions = [...new Set(scripts.map((script) => script.dimension))];
  const rows = [
    ...dimensions.map(
      (dimension) =>
        [dimension, summarizeReturns(returns.filter((entry) => entry.dimension === dimension))] as const,
    ),
    ['all', summarizeReturns(returns)] as const,
  ];
  const percent = (value: number) => `${(100 * value).toFixed(1)}%`;
  const lines = [
    'dimension          returns  in-sink  in-window  unseen  characters  unseen-chars  not-restated  pronoun-only  role-only',
    ...rows.map(([name, stats]) =>
      [
        name.padEnd(18),
        String(stats.returns).padStart(7),
        String(stats.inSink).padStart(8),
        String(stats.inWindow).padStart(10),
        percent(stats.unseen).padStart(7),
        String(stats.characters).padStart(11),
        percent(stats.unseenCharacters).padStart(13),
        percent(stats.unrestated).padStart(13),
        String(stats.pronounOnly).padStart(13),
        String(stats.roleOnly).padStart(10),
      ].join(' '),
    ),
  ];
  return `${lines.join('\n')}\n`;
}
