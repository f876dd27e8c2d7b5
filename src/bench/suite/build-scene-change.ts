import { createComposer, groupAction, soloAction } from './compose-prompt.js';
import { createCast } from './create-cast.js';
import type { Character } from './create-character.js';
import type { Random } from './create-random.js';
import { type DimensionBuilder, PROMPTS_PER_SCRIPT, pickSettings } from './dimension-builder.js';
import { introduce, pronounIsClear, refer } from './introduce.js';
import { joinSubjects } from './phrasing.js';
import { createScriptBuilder } from './script-builder.js';

const TRANSITIONS = [
  'later',
  'the next day',
  'that evening',
  'soon after',
  'meanwhile',
  'hours later',
] as const;

/** The same cast moves through a new setting every prompt or two. */
export const buildSceneChange: DimensionBuilder = (random: Random) => {
  const builder = createScriptBuilder();
  const compose = createComposer(random);
  const cast = createCast(random);
  const runs = splitIntoRuns(random);
  const settings = pickSettings(random, runs.length);
  const size = random.pick([1, 2, 2, 3]);
  const members: Character[] = [];
  for (let count = 0; count < size; count++) members.push(cast.member({ named: random.chance(0.85) }));
  for (const member of members) builder.add(member);
  let index = 0;
  for (const [run, length] of runs.entries()) {
    const setting = settings[run]!;
    for (let step = 0; step < length; step++, index++) {
      const onScreen = index > 0 && members.length > 1 && random.chance(0.2) ? members.slice(0, -1) : members;
      const names = onScreen.map((member) =>
        index === 0
          ? introduce(builder, random, member)
          : refer(
              builder,
              member,
              onScreen.length === 1 && pronounIsClear(builder, member, index, onScreen) && random.chance(0.4)
                ? 'pronoun'
                : 'name',
            ),
      );
      const clause =
        names.length === 1
          ? `${names[0]} ${soloAction(random, setting)}`
          : `${joinSubjects(names)} ${groupAction(random, setting)}`;
      let text = compose(setting, clause, { placement: 'opener' });
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
