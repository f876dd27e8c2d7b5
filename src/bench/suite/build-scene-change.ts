import { createComposer, emptyShot, groupAction, soloAction } from './compose-prompt.js';
import { createCast } from './create-cast.js';
import type { Character } from './create-character.js';
import type { Random } from './create-random.js';
import { type DimensionBuilder, PROMPTS_PER_SCRIPT, pickSettings } from './dimension-builder.js';
import { introduce, pronounIsClear, refer } from './introduce.js';
import { joinSubjects } from './phrasing.js';
import { mentionLater } from './pick-reference.js';
import { createScriptBuilder, type ScriptBuilder } from './script-builder.js';

const TRANSITIONS = [
  'later',
  'the next day',
  'that evening',
  'soon after',
  'meanwhile',
  'hours later',
] as const;

/**
 * The same cast moves through a new setting every prompt or two. Members join at different cuts and sit out a
 * scene now and then (an establishing shot when nobody is left), so most come back across a cut the sink and the
 * local window did not see them in.
 */
export const buildSceneChange: DimensionBuilder = (random: Random) => {
  const builder = createScriptBuilder();
  const compose = createComposer(random);
  const cast = createCast(random);
  const runs = splitIntoRuns(random);
  const settings = pickSettings(random, runs.length);
  const size = random.pick([1, 2, 2, 3]);
  const roles = random.shuffle([...new Set(settings.flatMap((setting) => setting.roles))]);
  const members: Character[] = [];
  for (let count = 0; count < size; count++) {
    const role = random.chance(0.4) ? roles[count] : undefined;
    members.push(cast.member({ named: random.chance(0.85), ...(role === undefined ? {} : { role }) }));
  }
  for (const member of members) builder.add(member);
  const schedules = planPresence(random, size);
  let index = 0;
  for (const [run, length] of runs.entries()) {
    const setting = settings[run]!;
    for (let step = 0; step < length; step++, index++) {
      const onScreen = members.filter((_, position) => schedules[position]!.includes(index));
      // At most one pronoun per prompt, and it leads the subjects ("She and Marco ...", never "Nora and he").
      let pronoun = false;
      const said = onScreen.map((member) => {
        let text: string;
        if (!builder.presentAt(index - 1).includes(member) && !seenBefore(builder, member, index))
          text = introduce(builder, random, member);
        else if (!builder.presentAt(index - 1).includes(member))
          text = mentionLater(
            builder,
            random,
            member,
            { index, onScreen },
            { name: 3, role: 2, pronoun: pronoun ? 0 : 3, description: 1 },
          );
        else
          text = refer(
            builder,
            member,
            onScreen.length === 1 && pronounIsClear(builder, member, index, onScreen) && random.chance(0.4)
              ? 'pronoun'
              : 'name',
          );
        pronoun ||= isPronoun(text);
        return text;
      });
      const names = [...said.filter(isPronoun), ...said.filter((text) => !isPronoun(text))];
      let text: string;
      if (names.length === 0) {
        text = emptyShot(random, setting);
      } else {
        const clause =
          names.length === 1
            ? `${names[0]} ${soloAction(random, setting)}`
            : `${joinSubjects(names)} ${groupAction(random, setting)}`;
        text = compose(setting, clause, { placement: 'opener' });
      }
      // Mark the cut in some prompts the way people write scripts ("Later, on a windy beach, ...").
      if (index > 0 && step === 0 && random.chance(0.5)) {
        const transition = random.pick(TRANSITIONS);
        text = `${transition.charAt(0).toUpperCase()}${transition.slice(1)}, ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
      }
      builder.prompt(text, onScreen);
    }
  }
  return builder;
};

function isPronoun(text: string): boolean {
  return text === 'she' || text === 'he';
}

function seenBefore(builder: ScriptBuilder, member: Character, index: number): boolean {
  for (let earlier = 0; earlier < index; earlier++)
    if (builder.presentAt(earlier).includes(member)) return true;
  return false;
}

/**
 * The prompts (0-based) each member is on screen in. The lead starts in the first or second prompt; the others
 * join later. A lead seen in the first prompt stays on; everyone else sits out one or two scenes and comes back.
 */
function planPresence(random: Random, size: number): number[][] {
  const all = [...Array(PROMPTS_PER_SCRIPT).keys()];
  const leadFirst = random.chance(size === 1 ? 0.55 : 0.35) ? 1 : 0;
  const schedules: number[][] = [];
  for (let position = 0; position < size; position++) {
    const first = position === 0 ? leadFirst : 1 + random.int(2);
    if (first === 0) {
      schedules.push(all);
      continue;
    }
    const away = first + 1 + random.int(PROMPTS_PER_SCRIPT - 2 - first);
    const length = away <= 3 && random.chance(0.3) ? 2 : 1;
    schedules.push(all.filter((index) => index >= first && (index < away || index >= away + length)));
  }
  return schedules;
}

/** Run lengths of 1 or 2 prompts that add up to 6, with at least 4 runs. */
function splitIntoRuns(random: Random): number[] {
  const runs: number[] = [];
  let left = PROMPTS_PER_SCRIPT;
  while (left > 0) {
    const length = left >= 2 && runs.filter((run) => run === 2).length < 2 && random.chance(0.45) ? 2 : 1;
    runs.push(length);
    left -= length;
  }
  return runs;
}
