/** Role words: which role nouns name the same job, and which things or acts imply a role. General English only. */

function list(text: string): string[] {
  return text.trim().split(/\s+/);
}

/** Role nouns that can name the same person ("the violinist" ... "the old musician"). */
const SYNONYM_GROUPS: readonly string[] = [
  'doctor physician surgeon medic',
  'dancer ballerina ballerino',
  'fisherman fisher angler fisherwoman',
  'thief pickpocket burglar robber bandit',
  'officer policeman policewoman cop sheriff',
  'teacher instructor tutor coach trainer',
  'boxer fighter',
  'musician violinist guitarist pianist cellist drummer flutist trumpeter saxophonist harpist',
  'chef cook',
  'seller vendor merchant shopkeeper stallholder grocer',
  'waiter waitress server',
  'scientist researcher',
  'traveler traveller tourist wanderer backpacker',
  'hiker climber mountaineer',
  'runner jogger sprinter',
  'cyclist rider biker motorcyclist',
  'skater skateboarder',
  'postman mailman courier',
  'firefighter fireman',
  'janitor cleaner sweeper',
  'lumberjack woodcutter',
  'driver chauffeur cabbie trucker',
  'painter artist',
  'writer novelist author poet',
  'singer performer',
  'photographer cameraman camerawoman',
  'stranger newcomer visitor',
  'keeper lighthouse-keeper',
  'boss manager',
  'lawyer attorney counsel solicitor barrister advocate',
  'captain skipper pilot',
  'reporter journalist',
  'priest officiant vicar pastor minister',
  'zookeeper keeper',
];

/** Role noun -> the role nouns it may stand for, itself included. */
export const ROLE_SYNONYMS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  SYNONYM_GROUPS.flatMap((group) => {
    const words = new Set(list(group));
    return [...words].map((word): [string, ReadonlySet<string>] => [word, words]);
  }),
);

/** Whether two role heads can name the same person. */
export function sameRole(first: string, second: string): boolean {
  return first === second || (ROLE_SYNONYMS.get(first)?.has(second) ?? false);
}

/** Things held, worn, used or done that imply a role: cue word -> roles. */
export const ROLE_CUES: ReadonlyMap<string, readonly string[]> = new Map(
  (
    [
      ['painter', 'brush paintbrush easel canvas palette paints painting sketches sketchbook'],
      ['driver', 'wheel steering dashboard drives driving'],
      ['photographer', 'camera lens tripod photographs photographing snaps'],
      ['singer', 'microphone mic sings singing'],
      ['reporter', 'microphone'],
      ['scientist', 'lab microscope beaker'],
      ['officer', 'badge handcuffs'],
      ['referee', 'whistle'],
      ['surgeon', 'scalpel'],
      ['soldier', 'rifle'],
      ['prisoner', 'cell'],
      ['patient', 'sling wheelchair'],
      ['student', 'textbook homework'],
      ['customer', 'buys'],
      ['passenger', 'boards'],
      ['shopper', 'groceries'],
      ['surfer', 'surfboard'],
      ['rider', 'horse saddle motorcycle'],
      ['barista', 'latte cappuccino'],
      ['golfer', 'golf putter'],
      ['archer', 'arrow arrows'],
      ['janitor', 'mop broom'],
      ['lumberjack', 'axe chainsaw'],
      ['beekeeper', 'hive bees'],
      ['potter', 'clay'],
      ['sculptor', 'chisel marble'],
      ['tailor', 'sews sewing needle thread'],
      ['cashier', 'register till'],
      ['postman', 'mailbag letters parcel'],
      ['firefighter', 'fire hydrant'],
      ['magician', 'wand'],
      ['juggler', 'juggles juggling'],
      ['astronaut', 'spacesuit'],
      ['diver', 'scuba oxygen'],
      ['snowboarder', 'snowboard'],
      ['skateboarder', 'skateboard'],
      ['knight', 'sword armor armour shield lance'],
      ['tourist', 'guidebook map'],
      ['captain', 'helm'],
      ['librarian', 'shelves bookshelf'],
      ['student', 'notebook'],
      ['conductor', 'baton'],
      ['queen', 'crown throne'],
      ['shopkeeper', 'counter'],
      ['clerk', 'counter'],
      ['officer', 'traffic'],
      ['mother', 'stroller pram'],
      ['tourist', 'camera'],
      ['hunter', 'rifle'],
      ['butcher', 'cleaver'],
      ['florist', 'bouquet'],
      ['cellist', 'cello'],
      ['bartender', 'shaker'],
      ['lifeguard', 'whistle'],
      ['king', 'crown throne'],
      ['waiter', 'tray'],
      ['cyclist', 'bicycle bike pedals pedaling handlebars'],
      ['pilot', 'cockpit controls plane aircraft'],
      ['baker', 'dough loaves oven kneads'],
      ['gardener', 'waters watering hose rake hoe seedlings flowerbed'],
      ['fisherman', 'rod reel fishing'],
      ['swimmer', 'swimsuit swims swimming dives pool'],
      ['skater', 'skates skating skateboard'],
      ['skier', 'skis skiing'],
      ['guitarist', 'guitar strums'],
      ['violinist', 'violin fiddle'],
      ['pianist', 'piano keyboard keys'],
      ['drummer', 'drum drums drumsticks'],
      ['chef', 'kitchen stove stirs pot pan skillet ladle'],
      ['doctor', 'stethoscope chart patient prescription'],
      ['nurse', 'drip syringe bandage'],
      ['teacher', 'chalkboard blackboard classroom pupils students lesson'],
      ['hitchhiker', 'thumb'],
      ['navigator', 'map compass'],
      ['runner', 'jogs jogging sprints'],
      ['hiker', 'trail trekking poles'],
      ['climber', 'rope harness'],
      ['guard', 'guards patrols'],
      ['writer', 'typewriter manuscript'],
      ['reader', 'book novel'],
      ['traveler', 'suitcase luggage ticket'],
      ['mechanic', 'wrench repairs'],
      ['sailor', 'sail sails deck'],
      ['shepherd', 'sheep flock'],
      ['farmer', 'tractor barn'],
      ['seller', 'stall sells selling'],
      ['vendor', 'stall'],
      ['barista', 'espresso'],
      ['bartender', 'cocktail'],
      ['barber', 'scissors clippers razor'],
      ['paramedic', 'ambulance stretcher defibrillator'],
      ['coach', 'megaphone stopwatch clipboard'],
      ['auctioneer', 'gavel'],
      ['smoker', 'cigar cigarette pipe'],
      ['reporter', 'newspaper notepad'],
    ] as Array<[string, string]>
  ).reduce((cues, [role, words]) => {
    for (const word of list(words)) cues.set(word, [...(cues.get(word) ?? []), role]);
    return cues;
  }, new Map<string, string[]>()),
);

/** Agent nouns that a verb form implies too rarely to count ("waits" is not a waiter). */
export const NOT_DERIVED_ROLES: ReadonlySet<string> = new Set(
  list('waiter trainer caller owner keeper host carrier attendant sitter listener dreamer'),
);
