import type { EntityKind } from '../../../entities/registry.js';

function list(text: string): string[] {
  return text.trim().split(/\s+/);
}

function kinds(kind: EntityKind, text: string): Array<[string, EntityKind]> {
  return list(text).map((word) => [word, kind]);
}

/** Singular nouns that denote one human, mapped to the kind they imply. */
export const PERSON_NOUNS: ReadonlyMap<string, EntityKind> = new Map([
  ...kinds(
    'woman',
    `woman lady mother mom grandmother grandma granny sister wife bride queen princess nun waitress actress
     businesswoman policewoman heroine aunt niece girlfriend ballerina widow witch daughter redhead maid
     hostess landlady nanny grandmother`,
  ),
  ...kinds('girl', 'girl schoolgirl'),
  ...kinds('woman', 'fisherwoman sportswoman stewardess seamstress empress duchess countess priestess'),
  ...kinds('woman', 'lass gal maiden matron dame fiancee stepmother godmother granddaughter stepdaughter'),
  ...kinds('man', 'lad chap fellow bloke dude gent fiance stepfather godfather grandson stepson'),
  ...kinds(
    'person',
    `baby infant newborn youngster partner spouse coworker co-worker roommate flatmate classmate teammate
     companion guest tenant resident foreigner heir grown-up passerby passer-by spectator
     cousin sibling parent grandparent someone somebody silhouette`,
  ),
  ...kinds(
    'man',
    `man gentleman guy father dad grandfather grandpa son brother husband groom king prince monk waiter actor
     businessman policeman fisherman hero uncle nephew boyfriend fireman postman salesman cowboy priest butler
     landlord`,
  ),
  ...kinds('boy', 'boy schoolboy'),
  ...kinds(
    'person',
    `person figure child kid toddler teenager teen stranger traveler traveller tourist hiker runner cyclist
     driver passenger student teacher doctor nurse chef cook baker farmer soldier officer detective guard
     musician violinist guitarist pianist singer dancer painter artist writer photographer scientist worker
     mechanic pilot sailor captain vendor merchant shopkeeper customer clerk librarian professor friend neighbor
     neighbour colleague protagonist courier messenger janitor guide climber skater surfer barista bartender
     jogger commuter pedestrian rider knight wizard beggar villager elder visitor newcomer researcher technician
     engineer lifeguard ranger gardener porter conductor poet tailor hitchhiker juggler clown coach manager
     boxer athlete swimmer referee butcher florist cashier reporter journalist surgeon dentist lawyer judge mayor
     astronaut diver skier servant host chauffeur twin patient owner spy thief prisoner scholar backpacker
     shepherd hunter firefighter paramedic monk waiter nun vet veterinarian farmhand stagehand attendant curator
     builder winemaker carrier trainer caretaker ranger keeper instructor tutor caller volunteer organizer
     vintner brewer potter carpenter plumber electrician welder fisher sculptor designer editor analyst
     programmer intern apprentice assistant receptionist secretary usher bellhop doorman doorwoman
     lumberjack miner rancher herder beekeeper groundskeeper housekeeper innkeeper zookeeper angler
     pickpocket burglar robber bandit thief suspect outlaw mountaineer storyteller narrator navigator drummer
     cellist flutist trumpeter saxophonist harpist physician medic cop sheriff boss employee hire seller
     stallholder fishmonger grocer archer rower paddler kayaker sprinter jogger walker goalkeeper
     magician acrobat performer ballerino choreographer stylist hairdresser barber sweeper
     gatekeeper lighthouse-keeper watchman sentry warrior sergeant lieutenant pirate smuggler
     courier photographer cameraman camerawoman filmmaker director producer presenter announcer
     auctioneer preacher pastor vicar rabbi imam shaman healer fortune-teller banker accountant
     cyclist biker motorcyclist trucker cabbie chauffeur skateboarder snowboarder climber explorer
     dreamer reader listener onlooker bystander witness victim survivor refugee orphan pilgrim
     wanderer vagabond drifter nomad castaway server shopper buyer golfer knitter woodcutter jockey author novelist operator inspector fighter cleaner taker rookie newbie recruit cadet veteran player deckhand cowhand skipper boatman
     opponent informant officiant rival challenger soloist maestro caroler stallholder newlywed`,
  ),
]);

/**
 * The kind a person noun implies: the list above, else the shape of the word ("locksmith", "cameraman",
 * "horsewoman", "magician", "puppeteer", "dressmaker", "herbalist"). Undefined for other words.
 */
export function personNounKind(word: string): EntityKind | undefined {
  const listed = PERSON_NOUNS.get(word);
  if (listed) return listed;
  if (word.length < 6 || NOT_PERSON_SHAPES.has(word) || word.includes("'")) return undefined;
  if (/[a-z]woman$/.test(word)) return 'woman';
  // "bookseller", "schoolteacher", "salesperson": a known person noun closing a compound.
  for (let split = 3; split <= word.length - 4; split += 1) {
    const head = PERSON_NOUNS.get(word.slice(split));
    if (head) return head;
  }
  if (/[a-z]{2,}[srltkdyehpn]man$/.test(word)) return 'man';
  if (/(smith|wright|maker|monger|keeper|ician|ologist|eer)$/.test(word) && word.length >= 7) return 'person';
  if (/[a-z]{4}(ist)$/.test(word)) return 'person';
  return undefined;
}

/** Words shaped like person nouns that are not ("talisman", "wrist", "career", "exist"). */
const NOT_PERSON_SHAPES: ReadonlySet<string> = new Set(
  list(`talisman ottoman caiman doberman human german roman walkman batman superman spiderman layman
   checklist playlist wishlist waitlist shortlist blacklist persist consist resist insist assist exist
   veneer career pioneer steer sheer cheer domineer`),
);

/** Heads that only say "a person of this kind"; other person nouns are roles ("the fisherman"). */
export const GENERIC_HEADS: ReadonlySet<string> = new Set(
  list(
    'man woman girl boy person lady guy gentleman figure child kid teenager teen lad lass gal chap fellow bloke dude gent youngster someone somebody silhouette',
  ),
);

/** Heads that point at the main character. */
export const PROTAGONIST_HEADS: ReadonlySet<string> = new Set(list('protagonist hero heroine'));

/** Pronouns, mapped to the gender they require. */
export const PRONOUNS: ReadonlyMap<string, 'female' | 'male'> = new Map([
  ...list('she her hers herself').map((word) => [word, 'female'] as [string, 'female']),
  ...list('he him his himself').map((word) => [word, 'male'] as [string, 'male']),
]);

/** Plural pronouns: they point at everyone of the previous prompt when the prompt names nobody. */
export const PLURAL_PRONOUNS: ReadonlySet<string> = new Set(list('they them their both'));

/** After "the", words for everyone of the previous prompt ("the couple", "the pair", "the two friends"). */
export const PLURAL_GROUPS: ReadonlySet<string> = new Set(list('couple pair duo trio two three'));

/** Words in a person's noun phrase that force a new identity. */
export const NEWCOMER_WORDS: ReadonlySet<string> = new Set(
  list('another other new different second third fourth fifth unfamiliar unknown'),
);

export const DETERMINERS: ReadonlySet<string> = new Set(list('a an the this that one another some'));
export const DEFINITE_DETERMINERS: ReadonlySet<string> = new Set(list('the this that his her their'));

/** Titles that start a proper name, with the kind they imply. */
export const TITLES: ReadonlyMap<string, EntityKind> = new Map([
  ...kinds('man', 'mr mister sir uncle grandpa'),
  ...kinds('woman', 'mrs ms miss madam aunt grandma'),
  ...kinds('person', 'dr doctor professor captain officer detective'),
]);

/** Phrases that mark a change of appearance: conflicting attributes then update a person instead of adding one. */
export const CHANGE_PATTERN =
  /\b(now (wears|wearing|in|has|sports|dressed)|chang(e|es|ed|ing) into|put(s|ting)? on|(has |had )?dyed|switch(es|ed)? (to|into)|swap(s|ped)?|slips? into|has (a |her |his )?new|wears a new|in a new|has shaved|shaved|grown|takes? off|removes?|cut (his|her) hair|has cut)\b/i;

/** Modifiers that belong to a clothing or accessory phrase besides colours. */
export const WEARABLE_MODIFIERS: ReadonlySet<string> = new Set(
  list(`wool woolen woollen leather denim silk cotton linen knit knitted velvet tweed fleece corduroy suede satin
   lace plaid striped checkered checked polka-dot floral patterned spotted lab trench rain baseball bucket
   straw cowboy top bow sun wide-brimmed long short curly wavy straight messy cropped oversized thick heavy
   tattered round square wire-rimmed horn-rimmed thin bushy braided spiky tailored faded torn hooded
   knee-length ankle-length loose tight puffy puffer rubber canvas tiny small large big wide flowing
   gray-streaked shoulder-length neat slicked-back shaggy pointed flat tall high-heeled sleeveless
   short-sleeved long-sleeved pleated flannel cashmere fur furry feathered feather old shabby worn elegant
   vintage sparkling shiny golden dangling hoop gold pearl diamond silver school business winter summer
   rain-soaked full thick-rimmed cat-eye aviator reading mirrored cracked dark-rimmed wrinkled crisp
   frayed muddy dusty clean dirty fitted wedding party chef's police military tank camera messenger shoulder
   duffel gym laptop sequined embroidered knitted beaded ribbed quilted padded waxed woven evening hiking
   running riding swimming ski scrub paper cardboard plastic bridal sports safety fishing cargo pencil bomber
   track combat work trucker newsboy ripped patched baggy oversize fingerless knee-high high-top reflective
   glittering two three`),
);

/** Clothing and accessories the registry vocabulary has no slot for; still attributes when found. */
export const EXTRA_WEARABLES: ReadonlySet<string> = new Set(
  list(`wig headphones earphones earbuds ring bracelet bangle anklet brooch badge lanyard sash veil tiara visor
   eyepatch kilt leotard tutu tights stockings socks earmuffs bathrobe nightgown dungarees clogs flip-flops
   moccasins slicker waistcoat camisole bikini sarong armband wristband choker locket cane camera jersey
   sweatpants gilet scrubs hijab kippah bonnet balaclava stilettos wellies galoshes brogues cleats corset
   petticoat cravat ascot hairband ribbon medal medallion glove mitten sneaker sideburns dimples wrinkles
   birthmark bangs cornrows locs mullet topknot ringlets crewcut coveralls hairdo haircut hairstyle romper
   kaftan caftan stole duffle fleece waders chinos khakis capris culottes miniskirt espadrilles headdress
   headpiece fascinator headset sombrero stetson bowler trilby scrunchie hairclip barrette bandage sling
   lipstick makeup eyeliner piercing piercings smock clutch smartwatch bangles cufflinks suspenders braces
   singlet tunic greatcoat oilskin windbreaker cardigan apron`),
);

/** Build and posture words the registry vocabulary lacks; attributes like "stocky". */
export const EXTRA_BODY: ReadonlySet<string> = new Set(
  list(`portly rotund gaunt lean pregnant stooped hunched heavy-set overweight bony scrawny lithe brawny frail
   hulking willowy gangly small round large big`),
);

/** Body parts that are attributes only with a modifier: "blue eyes", "dark skin", "a shaved head". */
export const MODIFIED_FEATURES: ReadonlySet<string> = new Set(
  list('eyes skin head cheeks nose arms hands fingers face'),
);

/** Adjectives on a person noun that become attributes, with the attribute they give. */
export const PERSON_ADJECTIVE_ATTRIBUTES: ReadonlyMap<string, string> = new Map([
  ['bearded', 'beard'],
  ['mustached', 'mustache'],
  ['bespectacled', 'glasses'],
  ['freckled', 'freckles'],
  ['blonde', 'blond hair'],
  ['blond', 'blond hair'],
  ['brunette', 'brown hair'],
  ['redheaded', 'red hair'],
  ['bald', 'bald'],
]);

/** Words that end the search for a proper name at the start of a sentence. */
export const NOT_NAMES: ReadonlySet<string> = new Set(
  list(`i the a an in at on by as later meanwhile then now inside outside close-up closeup camera wide shot
   scene cut night morning evening dawn dusk suddenly finally after before while when behind across under
   above beside near overhead nearby still soon again back there here mist dust haze fog smoke steam
   sunlight moonlight snow rain light darkness silence thunder lightning dawn dusk twilight wind clouds waves
   leaves water fire sparks shadows traffic music sunrise sunset starlight lamplight candlelight drizzle
   onstage offstage backstage upstairs downstairs indoors outdoors tonight today yesterday tomorrow
   afterwards afterward elsewhere overhead everywhere somewhere`),
);

/** Prepositions after which a capitalised word is more likely a place than a person. */
export const PLACE_PREPOSITIONS: ReadonlySet<string> = new Set(list('in at from into across through within'));

/** Words between `hair` and a colour in predicative hair descriptions ("her hair is now silver"). */
export const HAIR_LINKS: ReadonlySet<string> = new Set(
  list('is now has turned gone dyed was become becomes'),
);
