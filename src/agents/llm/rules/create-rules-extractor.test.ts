import { describe, expect, it } from 'vitest';
import { runScriptExtraction } from '../extract-script-entities.js';
import { runExtractorCases } from '../extractor.case.js';
import { createRulesExtractor } from './create-rules-extractor.js';

/** Compact view of the last prompt: `id:mention[attr, attr]` per character. */
async function lastPrompt(prompts: string[]): Promise<string[]> {
  const { results } = await runScriptExtraction(createRulesExtractor(), prompts);
  return results
    .at(-1)!
    .characters.map(
      (character) =>
        `${character.id}${character.isNew ? '+' : ''}:${character.mention}[${character.attrs.join(', ')}]`,
    );
}

describe('rules extractor: one prompt', () => {
  it.each<[string, string[]]>([
    [
      'Ravi, a short man with a gray scarf and round glasses, walks along the pier.',
      ['1+:Ravi[short, gray scarf, round glasses]'],
    ],
    ['A woman in a yellow raincoat waits at the bus stop.', ['1+:A woman[yellow raincoat]']],
    [
      'Nora and a tall man in a black suit wait on the platform.',
      ['1+:Nora[]', '2+:a tall man[tall, black suit]'],
    ],
    ['The fisherman mends his net.', ['1+:The fisherman[]']],
    ['The man in the lab coat checks a sample.', ['1+:The man[lab coat]']],
    ['A girl who wears a beige cap and dark jeans skips rope.', ['1+:A girl[beige cap, dark jeans]']],
    [
      'A red-haired woman with freckles smiles at a bearded man.',
      ['1+:A red-haired woman[red hair, freckles]', '2+:a bearded man[beard]'],
    ],
    ['Her hair is now silver and she wears a green coat.', ['1+:Her[silver hair, green coat]']],
    ['Mr. Chen, an elderly tailor, threads a needle.', ['1+:Mr. Chen[elderly]']],
    ['Nadia, a stocky woman in gray rain boots with a white tote bag, waits.', ['1+:Nadia[stocky, gray rain boots, white tote bag]']], // biome-ignore format: one case
    ['Mist hangs over the silent pines.', []],
    ['A happy old man walks slowly, smiling and waving.', ['1+:A happy old man[old]']],
  ])('%s', async (prompt, expected) => {
    expect(await lastPrompt([prompt])).toEqual(expected);
  });

  it('reports spans of mentions and attributes with offsets into the prompt', async () => {
    const prompt = 'Ravi, a short man with a gray scarf, waves. He smiles.';
    const { results } = await runScriptExtraction(createRulesExtractor(), [prompt]);
    const spans = results[0]!.spans.map((span) => `${span.id}:${span.role}:${span.text}`);
    expect(spans).toEqual(['1:mention:Ravi', '1:mention:a short man', '1:attribute:short', '1:attribute:gray scarf', '1:mention:He']); // biome-ignore format: one list
    for (const span of results[0]!.spans) expect(prompt.slice(span.start, span.end)).toBe(span.text);
  });
});

describe('rules extractor: identities across prompts', () => {
  it.each<[string, string[], string[]]>([
    ['a name matches its entity', ['Ravi walks in the rain.', 'A dog barks.', 'Ravi stops.'], ['1:Ravi[]']],
    ['a pronoun matches the latest compatible entity', ['Nora meets a tall man.', 'She waves.'], ['1:She[]']],
    ['he skips women', ['A man sits.', 'A woman arrives.', 'He stands up.'], ['1:He[]']],
    [
      'a role matches by its head noun',
      ['An old fisherman in a yellow raincoat waits.', 'The fisherman rows out.'],
      ['1:The fisherman[]'],
    ],
    [
      '"another" forces a new ID',
      ['A woman sits.', 'Another woman sits beside her.'],
      ['2+:Another woman[]', '1:her[]'],
    ],
    ['"a second" forces a new ID', ['A man reads.', 'A second man reads too.'], ['2+:A second man[]']],
    ['"a woman" with agreeing attributes is the same woman', ['A woman in a red coat waits.', 'A woman in a red coat boards the bus.'], ['1:A woman[red coat]']], // biome-ignore format: one case
    ['a conflicting colour on the same slot is a new person', ['A woman in a red coat waits.', 'A woman in a blue coat boards the bus.'], ['2+:A woman[blue coat]']], // biome-ignore format: one case
    ['a change verb keeps the identity', ['A woman in a red coat waits.', 'The woman now wears a blue coat.'], ['1:The woman[blue coat]']], // biome-ignore format: one case
    [
      'a change of a named character',
      ['Ravi wears a gray scarf.', 'Ravi now wears a blue raincoat.'],
      ['1:Ravi[blue raincoat]'],
    ],
    ['a girl does not take a woman ID', ['A woman reads.', 'A girl runs past.'], ['2+:A girl[]']],
    ['an appositive joins a role and a description', ['The driver, a woman with sunglasses, hums.', 'The driver stops.'], ['1:The driver[]']], // biome-ignore format: one case
    ['an object pronoun skips its own subject', ['Kenji trains.', 'His coach, a gray-haired woman, watches.', 'The coach tosses him a towel.'], ['2:The coach[]', '1:him[]']], // biome-ignore format: one case
    [
      'plural pronouns mean the previous cast',
      ['A man and a woman dance.', 'They rest.'],
      ['1:They[]', '2:They[]'],
    ],
    ['a role given beside a name refers back to the named person', ['A photographer named Lucas waits.', 'The photographer waves.'], ['1:The photographer[]']], // biome-ignore format: one case
    ['a name with a girl appositive is one person', ['Aisha, a small girl with short brown hair, walks.', 'Aisha sits.'], ['1:Aisha[]']], // biome-ignore format: one case
    ['a name that is also a month, in an appositive', ['June, a stocky woman with a pink umbrella, writes.', 'June waves.'], ['1:June[]']], // biome-ignore format: one case
    ['a name with a newcomer appositive is one new person', ['A woman reads.', 'Bianca, another woman with an orange fedora, sings.'], ['2+:Bianca[orange fedora]']], // biome-ignore format: one case
    ['"the second" points back at the second one met', ['An old man named Ivan waits.', 'A different old man in a pink hat arrives.', 'Ivan and the second old man walk.'], ['1:Ivan[]', '2:the second old man[old]']], // biome-ignore format: one case
    ['"the first" points back at the first one met', ['A slender man walks.', 'A different man joins him.', 'The first man follows the second man.'], ['1:The first man[]', '2:the second man[]']], // biome-ignore format: one case
    ['repeated heads with their own descriptions are different people', ['An old woman in a brown hoodie waves to another old woman in a red hoodie.', 'The old woman in the red hoodie and the old woman in the brown hoodie walk.'], ['2:The old woman[old, red hoodie]', '1:the old woman[old, brown hoodie]']], // biome-ignore format: one case
    ['a description does not take an ID a name holds', ['Nora smiles.', 'Nora greets a woman in a green hat.'], ['1:Nora[]', '2+:a woman[green hat]']], // biome-ignore format: one case
  ])('%s', async (_name, prompts, expected) => {
    expect(await lastPrompt(prompts)).toEqual(expected);
  });
});

describe('rules extractor: late names, implied roles, many descriptions', () => {
  it.each<[string, string[], string[]]>([
    ['"whom everyone calls X" names the one described', ['A plump baker kneads dough.', 'The baker, whom everyone calls Luis, smiles.', 'Luis waves.'], ['1:Luis[]']], // biome-ignore format: one case
    ['"whose name is X"', ['An old sailor coils rope.', 'The sailor, whose name is Tomas, points.'], ['1:Tomas[]']], // biome-ignore format: one case
    ['"known to her students as X"', ['A woman with a gray bun enters.', 'The woman, known to her students as Madame Ivanova, nods.'], ['1:Madame Ivanova[]']], // biome-ignore format: one case
    ['"X (the Y)"', ['A woman in a gray trench coat waits.', 'Vera (the woman in the trench coat) smiles.'], ['1:Vera[trench coat]']], // biome-ignore format: one case
    ['"introduces herself as X"', ['A woman sits on a bench.', 'The woman introduces herself as Ines.'], ['1:Ines[]']], // biome-ignore format: one case
    ['"her name is X" through a pronoun', ['A woman in a red coat waits.', 'Her name is Nora.'], ['1:Nora[]']], // biome-ignore format: one case
    ['a later name part matches the full name', ['The florist, whom everyone calls Auntie Rosa, waves.', 'A girl buys a tulip from Rosa.'], ['2+:A girl[]', '1:Rosa[]']], // biome-ignore format: one case
    ['"the painter" for the woman holding a brush', ['A woman in a straw hat holds a brush before an easel.', 'A man walks his dog past her.', 'The painter ignores him.'], ['1:The painter[]', '2:him[]']], // biome-ignore format: one case
    ['"the driver" for the man at the wheel', ['A man in a flat cap sits at the wheel.', 'A woman in a gown climbs into the back.', 'The driver glances at her.'], ['1:The driver[]', '2:her[]']], // biome-ignore format: one case
    ['a role from a verb: strums a guitar -> the guitarist', ['A young man strums a guitar.', 'A girl drops a coin.', 'The guitarist smiles.'], ['1:The guitarist[]']], // biome-ignore format: one case
    ['a role synonym: the violinist is the old musician', ['An old man plays a violin.', 'A boy listens.', 'The boy joins the old musician.'], ['2:The boy[]', '1:the old musician[old]']], // biome-ignore format: one case
    ['a bare definite role for someone on screen', ['A tall woman boards a train.', 'An old man studies the stranger.'], ['2+:An old man[old]', '1:the stranger[]']], // biome-ignore format: one case
    ['a definite role with an indefinite description is new', ['A boy runs.', 'The fruit seller, a plump woman, shouts.'], ['2+:The fruit seller[plump]']], // biome-ignore format: one case
    ['a person noun that modifies clothing is no person', ['A boy in a knight costume bows.'], ['1+:A boy[knight costume]']], // biome-ignore format: one case
    ['an object pronoun skips the subject across "and"', ['A man sits at the wheel.', 'An elderly woman climbs aboard.', 'The driver waits and helps her.'], ['1:The driver[]', '2:her[]']], // biome-ignore format: one case
    ['old and elderly agree', ['An elderly man sleeps.', 'A nurse arrives.', 'The old man wakes.'], ['1:The old man[old]']], // biome-ignore format: one case
    ['the woman in red agrees with a red coat', ['A woman in a red coat waits.', 'A woman in a blue coat waits.', 'The woman in red leaves.'], ['1:The woman[red]']], // biome-ignore format: one case
    ['"the kid" never takes an adult', ['A boy skates.', 'A guard watches.', 'He helps the kid up.'], ['2:He[]', '1:the kid[]']], // biome-ignore format: one case
    ['"the couple" means the previous cast', ['A man and a woman dance.', 'The couple walk home.'], ['1:The couple[]', '2:The couple[]']], // biome-ignore format: one case
    ['"them" beside someone named means the others met', ['A girl in a sun hat sits in a rowboat.', 'Her brother, a skinny boy, rows.', 'A big man waves from the dock.', 'The boy splashes her.', 'The big man swims out to them.'], ['3:The big man[big]', '1:them[]', '2:them[]']], // biome-ignore format: one case
    ['"their" after one person means the people seen before', ['A tall man chats with a petite woman.', 'The woman points at a canvas.', 'A waiter refills their glasses.'], ['3+:A waiter[]', '1:their[]', '2:their[]']], // biome-ignore format: one case
    ['"they both" beside an animal means two people', ['A girl in a green beanie roasts a marshmallow.', 'A boy in a red jacket tells a story.', 'An owl hoots; they both shriek.'], ['3+:An owl[]', '1:they both[]', '2:they both[]']], // biome-ignore format: one case
    ['"the two" counts the person of the prompt first', ['A man in a gray suit waits.', 'Another man in a gray suit walks in.', 'A receptionist in a navy blazer looks up.', 'The first man stands, and the two shake hands.'], ['1:The first man[]', '3:the two[]']], // biome-ignore format: one case
    ['"the three musicians" are the musicians met', ['A drummer counts off the beat.', 'A guitarist in a studded belt joins him.', 'A pianist in a red dress plays.', 'A neighbor in a bathrobe bangs on the door.', 'The three musicians go silent.'], ['1:The three musicians[]', '2:The three musicians[]', '3:The three musicians[]']], // biome-ignore format: one case
    ['"the boys" are the boys met, "the other boy" the second', ['A boy in a green windbreaker grabs a bike.', 'Another boy in a green windbreaker grabs the other bike.', 'The boys race down the hill.', 'The other boy skids into a hedge.'], ['2:The other boy[]']], // biome-ignore format: one case
    ['an unknown first word before a noun is no name', ['Autumn leaves drift onto the bench.'], []], // biome-ignore format: one case
    ['a name before a verb compromise tags as a plural noun is a name', ['Ravi waits.'], ['1+:Ravi[]']], // biome-ignore format: one case
    ['a name the lexicon also knows as a noun is a name before a verb a person does', ['Maya leaves the room.'], ['1+:Maya[]']], // biome-ignore format: one case
    ['such a name before a verb compromise tags as a plural noun', ['Ruby waves.'], ['1+:Ruby[]']], // biome-ignore format: one case
    ['a bare noun before a verb a thing does is no name', ['Dawn breaks over the city.'], []], // biome-ignore format: one case
    ['a mass noun before a verb is no name', ['Music fills the room.'], []], // biome-ignore format: one case
    ['a colour word glossed as a woman is her name, later too', ['Amber, a tall woman in a gray coat, waits.', 'Amber smiles.'], ['1:Amber[]']], // biome-ignore format: one case
    ['a colour word before a verb a person does is a name', ['Violet waves at the bus.'], ['1+:Violet[]']], // biome-ignore format: one case
    ['a colour word before a noun is a colour', ['Amber light fills the hall.'], []], // biome-ignore format: one case
    ['a colour word before a verb a thing does is a colour', ['A man in a gray coat waits.', 'Red lanterns sway above him.'], ['1:him[]']], // biome-ignore format: one case
    ['a name before such a verb and a preposition is a name', ['A woman in a red coat sits.', 'Ravi waits by the door.'], ['2+:Ravi[]']], // biome-ignore format: one case
    ['"the Ferris wheel" is no one', ['A girl in a yellow raincoat waits.', 'Inside, the Ferris wheel turns slowly.', 'She smiles.'], ['1:She[]']], // biome-ignore format: one case
    ['"a dressmaker\'s dummy" is a thing', ['A woman in a lavender cardigan climbs the stairs.', "Dust covers a dressmaker's dummy in a wedding gown.", 'She sits down.'], ['1:She[]']], // biome-ignore format: one case
    ['"commander\'s stripes" and "dinosaur pajamas" are no one', ["A woman with commander's stripes floats in.", 'A boy in dinosaur pajamas builds a fort.'], ['2+:A boy[dinosaur pajamas]']], // biome-ignore format: one case
    ['"a man\'s voice" keeps the man', ["A woman hears a man's voice."], ['1+:A woman[]', '2+:a man[]']], // biome-ignore format: one case
    ['an agent noun with a face or clothing of its own is a person, its head later too', ['In the village, an old weaver with a wrinkled face works at a loom.', 'The weaver smiles at the loom.'], ['1:The weaver[]']], // biome-ignore format: one case
    ['a fiddler with a beard is not the girl beside him', ['A fiddler with a ginger beard plays beside a girl in a red dress.'], ['1+:A fiddler[ginger beard]', '2+:a girl[red dress]']], // biome-ignore format: one case
    ['a thing with a part is no one', ['A heater with a dial hums.'], []], // biome-ignore format: one case
    ['"the young traveler" is the child on screen, not the man', ['A man in a gray suit paces by the gate.', 'He sits next to a girl with a pink backpack.', 'A flight attendant with a red bun checks her boarding pass.', 'The attendant leads the young traveler down the jet bridge.'], ['3:The attendant[]', '2:the young traveler[young]']], // biome-ignore format: one case
    ['"the young doctor" is still the young woman beside a boy', ['A young woman in a lab coat waits.', 'A boy with a kite runs past.', 'The young doctor smiles.'], ['1:The young doctor[young]']], // biome-ignore format: one case
    ['"them" means a group met, not the people before it', ['A girl waves.', 'A boy waves.', 'Three scouts in green caps arrive.', 'A ranger greets them.'], ['4+:A ranger[]', '3:them[]']], // biome-ignore format: one case
  ])('%s', async (_name, prompts, expected) => {
    expect(await lastPrompt(prompts)).toEqual(expected);
  });

  it('keeps implied roles as bare registry mentions beside the written ones', async () => {
    const { registry } = await runScriptExtraction(createRulesExtractor(), ['A woman holds a brush.']);
    expect(registry.entities[0]!.mentions).toEqual(['A woman', 'painter']);
  });
});

describe('rules extractor: animals, groups, look-alikes', () => {
  it.each<[string, string[], string[]]>([
    ['an animal is a character, "it" points back at it', ['A scruffy brown dog trots along the beach.', 'It stops to sniff the seaweed.'], ['1:It[]']], // biome-ignore format: one case
    ['an animal keeps its adjectives as attributes', ['A black stallion with a white blaze grazes.'], ['1+:A black stallion[black, white blaze]']], // biome-ignore format: one case
    ['"it" with no animal to mean is nobody', ['A woman in a red coat reads a letter.', 'She folds it and smiles.'], ['1:She[]']], // biome-ignore format: one case
    ['"she" means the woman before the robot seen as long ago', ['A small robot rolls in.', 'A nurse in green scrubs waves at it.', 'She checks the chart.'], ['2:She[]']], // biome-ignore format: one case
    ['"the bird" points back at the parrot, never at a person', ['A green parrot squawks.', 'A boy in a sailor hat holds out a cracker.', 'The bird takes it.'], ['1:The bird[]']], // biome-ignore format: one case
    ['a counted group is one character, "they" and "the crew" mean it', ['Eight rowers in blue vests carry a boat.', 'Their coach, a stocky man, follows.', 'The crew climbs in.'], ['1:The crew[]']], // biome-ignore format: one case
    ['a group is never a person', ['Three scouts sit by the fire.', 'A tall woman tells a story.', 'The scouts huddle closer.'], ['1:The scouts[]']], // biome-ignore format: one case
    ['"a stuffed rabbit" is a thing', ['A little girl with a stuffed rabbit stares at the sea.'], ['1+:A little girl[little, stuffed rabbit]']], // biome-ignore format: one case
    ['"the second one" points back at the second met', ['A skier in a black suit starts.', 'A second skier follows her.', 'The second one passes.'], ['2:The second one[]']], // biome-ignore format: one case
    ['"the shorter one" is not "the taller twin"', ['A boy in a red cap and a boy in a red scarf sit.', 'The taller twin whittles a stick.', 'The shorter one reads.'], ['2:The shorter one[]']], // biome-ignore format: one case
    ['"her younger sister" is not her', ['A tall girl in a blue blazer waits.', 'Her younger sister, in the same blue blazer, runs up.'], ['1:Her[]', '2+:Her younger sister[younger, blue blazer]']], // biome-ignore format: one case
    ['a trade goes to the adult, not the boy', ['A muscular man in red shorts sits on a tall chair.', 'A boy drifts out past the flags.', 'The lifeguard sprints into the surf.'], ['1:The lifeguard[]']], // biome-ignore format: one case
  ])('%s', async (_name, prompts, expected) => {
    expect(await lastPrompt(prompts)).toEqual(expected);
  });
});

describe('rules extractor: attributes', () => {
  it('never extracts actions or emotions as attributes', async () => {
    const { results } = await runScriptExtraction(createRulesExtractor(), [
      'A nervous young woman in a gray hoodie runs, laughing, and waves happily.',
    ]);
    expect(results[0]!.characters[0]!.attrs).toEqual(['young', 'gray hoodie']);
  });
});

runExtractorCases({ name: 'rules', createExtractor: () => createRulesExtractor() });
