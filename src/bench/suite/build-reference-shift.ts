import { createComposer, createEmptyShots, interaction, returnAction, soloAction } from './compose-prompt.js';
import { createCast } from './create-cast.js';
import type { Character } from './create-character.js';
import type { Random } from './create-random.js';
import { type DimensionBuilder, PROMPTS_PER_SCRIPT, pickSettings } from './dimension-builder.js';
import { introduce, pronounIsClear, type ReferenceMode, refer } from './introduce.js';
import { createScriptBuilder } from './script-builder.js';

/**
 * One person referred to by name, role, description and pronoun in turn ("Nora" / "the nurse" /
 * "the young woman" / "she"). She steps away for one prompt and returns by pronoun or role; a companion of
 * the other gender holds the screen around her absence, and sometimes a bystander of her kind passes by.
 */
export const buildReferenceShift: DimensionBuilder = (random: Random) => {
  const builder = createScriptBuilder();
  const compose = createComposer(random);
  const emptyShot = createEmptyShots(random);
  const cast = createCast(random);
  const settings = pickSettings(random, 1 + random.int(3));
  const places = [...settings, ...pickSettings(random, 2)];
  const hero = cast.member({
    kind: random.pick(['woman', 'man', 'woman', 'man', 'old woman', 'old man'] as const),
    role: random.pick(settings[0]!.roles),
  });
  const companion = cast.member({ kind: hero.gender === 'female' ? 'man' : 'woman', attributeCount: 2 });
  builder.add(hero);
  builder.add(companion);
  // The hero enters in the second prompt (rarely the first), so the sink does not hold her at her return.
  const heroFirst = random.chance(0.15) ? 0 : 1;
  const away = heroFirst + 2 + random.int(2);
  const companionFirst =
    heroFirst === 0 ? 1 + random.int(away - 1) : random.chance(0.7) ? 0 : 1 + random.int(away - 1);
  const companionLast = random.chance(0.75) ? away + random.int(PROMPTS_PER_SCRIPT - away) : away - 1;
  // A bystander of the hero's kind passes after her return, so the pronoun at the return stays clear.
  let bystander: Character | undefined;
  const bystanderPrompt = away + 2 + random.int(Math.max(1, PROMPTS_PER_SCRIPT - away - 2));
  if (bystanderPrompt < PROMPTS_PER_SCRIPT && random.chance(0.5)) {
    bystander = cast.member({ kind: hero.kind, named: false, attributeCount: 2 });
    builder.add(bystander);
  }
  // The return takes a pronoun or the role; the other prompts take the other modes, the name last.
  const returnMode = random.pick(['pronoun', 'role'] as const);
  const wanted: ReferenceMode[] = [
    ...random.shuffle((['role', 'description', 'pronoun'] as const).filter((mode) => mode !== returnMode)),
    'name',
    random.pick(['pronoun', 'description', 'role'] as const),
  ];
  let companionIntroduced = false;
  for (let index = 0; index < PROMPTS_PER_SCRIPT; index++) {
    const setting = settings[Math.min(settings.length - 1, Math.floor((index * settings.length) / 6))]!;
    const onScreen: Character[] = [];
    const heroOn = index >= heroFirst && index !== away;
    if (heroOn) onScreen.push(hero);
    if (index >= companionFirst && index <= companionLast) onScreen.push(companion);
    if (bystander !== undefined && index === bystanderPrompt) onScreen.push(bystander);
    const companionText = () => {
      const text = companionIntroduced
        ? refer(builder, companion, random.pick(['name', 'description'] as const))
        : introduce(builder, random, companion);
      companionIntroduced = true;
      return text;
    };
    const extra =
      bystander !== undefined && onScreen.includes(bystander)
        ? `${introduce(builder, random, bystander)} ${soloAction(random, setting)} nearby`
        : undefined;
    const options = extra === undefined ? {} : { extra };
    if (!heroOn) {
      let text: string;
      if (onScreen.includes(companion))
        text = compose(setting, `${companionText()} ${soloAction(random, setting)}`, options);
      else if (extra !== undefined) text = compose(setting, extra.replace(/ nearby$/, ''));
      else text = emptyShot(setting, places);
      builder.prompt(text, onScreen);
      continue;
    }
    const pronounAllowed = pronounIsClear(builder, hero, index, onScreen);
    let subject: string;
    if (index === heroFirst) {
      subject = introduce(builder, random, hero, { shape: random.pick(['appositive', 'named'] as const) });
    } else if (index === away + 1) {
      subject = refer(builder, hero, returnMode === 'pronoun' && !pronounAllowed ? 'role' : returnMode);
    } else {
      subject = refer(builder, hero, chooseMode(wanted, pronounAllowed));
    }
    const action = index === away + 1 ? returnAction(random, setting) : soloAction(random, setting);
    let clause = `${subject} ${action}`;
    if (onScreen.includes(companion)) {
      clause =
        index === away + 1
          ? `${clause} while ${companionText()} ${soloAction(random, setting)}`
          : `${subject} ${interaction(random)} ${companionText()}`;
    }
    builder.prompt(compose(setting, clause, options), onScreen);
  }
  return builder;
};

function chooseMode(wanted: ReferenceMode[], pronounAllowed: boolean): ReferenceMode {
  const index = wanted.findIndex((mode) => mode !== 'pronoun' || pronounAllowed);
  if (index < 0) return pronounAllowed ? 'pronoun' : 'name';
  return wanted.splice(index, 1)[0]!;
}
