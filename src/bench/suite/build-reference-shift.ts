import { createComposer, interaction, soloAction } from './compose-prompt.js';
import { createCast } from './create-cast.js';
import type { Character } from './create-character.js';
import type { Random } from './create-random.js';
import { type DimensionBuilder, PROMPTS_PER_SCRIPT, pickSettings } from './dimension-builder.js';
import { introduce, pronounIsClear, type ReferenceMode, refer } from './introduce.js';
import { createScriptBuilder } from './script-builder.js';

/**
 * One person referred to by name, role, description and pronoun in turn ("Nora" / "the nurse" /
 * "the young woman" / "she"); a companion of the other gender, and sometimes a bystander, share some prompts.
 */
export const buildReferenceShift: DimensionBuilder = (random: Random) => {
  const builder = createScriptBuilder();
  const compose = createComposer(random);
  const cast = createCast(random);
  const settings = pickSettings(random, 1 + random.int(3));
  const hero = cast.member({
    kind: random.pick(['woman', 'man', 'woman', 'man', 'old woman', 'old man'] as const),
    role: random.pick(settings[0]!.roles),
  });
  const companion = cast.member({ kind: hero.gender === 'female' ? 'man' : 'woman', attributeCount: 2 });
  builder.add(hero);
  builder.add(companion);
  const companionStart = 1 + random.int(3);
  const companionPrompts = [companionStart, companionStart + 1];
  let bystander: Character | undefined;
  const bystanderPrompt = 4 + random.int(2);
  if (random.chance(0.35)) {
    bystander = cast.member({ kind: hero.kind, named: false, attributeCount: 2 });
    builder.add(bystander);
  }
  // Every mode at least once after the introduction, then one more at random.
  const wanted: ReferenceMode[] = [
    ...random.shuffle(['name', 'role', 'description', 'pronoun'] as const),
    random.pick(['pronoun', 'description', 'role'] as const),
  ];
  let companionIntroduced = false;
  for (let index = 0; index < PROMPTS_PER_SCRIPT; index++) {
    const setting = settings[Math.min(settings.length - 1, Math.floor((index * settings.length) / 6))]!;
    const onScreen: Character[] = [hero];
    if (companionPrompts.includes(index)) onScreen.push(companion);
    if (bystander !== undefined && index === bystanderPrompt) onScreen.push(bystander);
    let subject: string;
    if (index === 0) {
      subject = introduce(builder, random, hero, { shape: random.pick(['appositive', 'named'] as const) });
    } else {
      const mode = chooseMode(wanted, pronounIsClear(builder, hero, index, onScreen));
      subject = refer(builder, hero, mode);
    }
    let clause = `${subject} ${soloAction(random, setting)}`;
    if (onScreen.includes(companion)) {
      const object = companionIntroduced
        ? refer(builder, companion, random.pick(['name', 'description'] as const))
        : introduce(builder, random, companion);
      companionIntroduced = true;
      clause = `${subject} ${interaction(random)} ${object}`;
    }
    const extra =
      bystander !== undefined && onScreen.includes(bystander)
        ? `${introduce(builder, random, bystander)} ${soloAction(random, setting)} nearby`
        : undefined;
    builder.prompt(compose(setting, clause, extra === undefined ? {} : { extra }), onScreen);
  }
  return builder;
};

function chooseMode(wanted: ReferenceMode[], pronounAllowed: boolean): ReferenceMode {
  const index = wanted.findIndex((mode) => mode !== 'pronoun' || pronounAllowed);
  if (index < 0) return wanted.length > 0 && !pronounAllowed ? 'name' : 'pronoun';
  return wanted.splice(index, 1)[0]!;
}
