/** Clothing and accessory colours shared with the rest of iamflow. */
export const COLOURS = [
  'red',
  'orange',
  'yellow',
  'green',
  'blue',
  'purple',
  'pink',
  'brown',
  'black',
  'white',
  'gray',
  'beige',
  'navy',
  'teal',
] as const;

/** Hair colours shared with the rest of iamflow. */
export const HAIR_COLOURS = ['black', 'brown', 'blonde', 'red', 'gray', 'white'] as const;

/** Character kinds. */
const KINDS = ['woman', 'man', 'girl', 'boy', 'old woman', 'old man'] as const;

/** One character kind. */
export type Kind = (typeof KINDS)[number];

/** Female names from many cultures. */
export const FEMALE_NAMES = [
  'Nora',
  'Aisha',
  'Mei',
  'Lina',
  'Sofia',
  'Priya',
  'Hana',
  'Amara',
  'Elena',
  'Fatima',
  'Yuki',
  'Ingrid',
  'Carmen',
  'Zara',
  'Olga',
  'Chloe',
  'Leila',
  'Ana',
  'Keiko',
  'Nadia',
  'Grace',
  'Rosa',
  'Ama',
  'Ivy',
  'Maya',
  'Soo-ah',
  'Freya',
  'Lucia',
  'Tamar',
  'Bianca',
  'Esi',
  'Mira',
  'Dalia',
  'June',
  'Ilse',
  'Noor',
  'Paloma',
  'Kavya',
  'Astrid',
  'Wen',
] as const;

/** Male names from many cultures. */
export const MALE_NAMES = [
  'Ravi',
  'Omar',
  'Kenji',
  'Lucas',
  'Mateo',
  'Tomas',
  'Kwame',
  'Ivan',
  'Arjun',
  'Felix',
  'Hiro',
  'Diego',
  'Samuel',
  'Jonas',
  'Tariq',
  'Wei',
  'Emeka',
  'Pablo',
  'Leon',
  'Hamid',
  'Oscar',
  'Nikolai',
  'Jin',
  'Marco',
  'Kofi',
  'Anders',
  'Rafael',
  'Yusuf',
  'Theo',
  'Dev',
  'Malik',
  'Bruno',
  'Sami',
  'Luka',
  'Caleb',
  'Rohan',
  'Emil',
  'Tenzin',
  'Ahmed',
  'Hugo',
] as const;

/** Hair styles that read well before a colour ("curly red hair"). */
export const HAIR_STYLES = [
  'short',
  'long',
  'curly',
  'wavy',
  'straight',
  'cropped',
  'shoulder-length',
] as const;

/** Hair shapes written with an article ("a red ponytail"). */
export const HAIR_SHAPES = ['ponytail', 'braid', 'bun'] as const;

/** Upper-body garments; `female` ones only go to women and girls. */
export const GARMENTS: readonly { noun: string; female?: boolean; child?: boolean }[] = [
  { noun: 'coat' },
  { noun: 'raincoat', child: true },
  { noun: 'trench coat' },
  { noun: 'parka', child: true },
  { noun: 'denim jacket', child: true },
  { noun: 'leather jacket' },
  { noun: 'hoodie', child: true },
  { noun: 'sweater', child: true },
  { noun: 'cardigan' },
  { noun: 'shirt', child: true },
  { noun: 't-shirt', child: true },
  { noun: 'blouse', female: true },
  { noun: 'dress', female: true, child: true },
  { noun: 'suit' },
  { noun: 'vest' },
  { noun: 'overalls', child: true },
  { noun: 'apron' },
  { noun: 'tracksuit', child: true },
];

/** Hats, written after a colour. */
export const HATS = [
  'beanie',
  'baseball cap',
  'fedora',
  'beret',
  'wool hat',
  'bucket hat',
  'sun hat',
] as const;

/** Glasses, written without an article. */
export const GLASSES = [
  'round glasses',
  'thick-rimmed glasses',
  'sunglasses',
  'wire-rimmed glasses',
] as const;

/** Bags, written after a colour. */
export const BAGS = ['backpack', 'shoulder bag', 'tote bag', 'satchel', 'briefcase'] as const;

/** Footwear, written after a colour and without an article. */
export const SHOES = ['sneakers', 'rain boots', 'ankle boots', 'sandals'] as const;

/** Build and age adjectives for adults, used in descriptions ("the short man"), never as attrs. */
export const ADULT_DESCRIPTORS = [
  'young',
  'tall',
  'short',
  'slender',
  'stocky',
  'middle-aged',
  'broad-shouldered',
] as const;

/** Descriptors for children. */
export const CHILD_DESCRIPTORS = ['little', 'small', 'young'] as const;

/** Camera phrases added at the end of a prompt. */
export const CAMERA_PHRASES = [
  'the camera slowly pans left',
  'the camera slowly pans right',
  'the camera slowly zooms in',
  'the camera pulls back to a wide shot',
  'the camera tracks alongside',
  'a handheld camera follows',
  'shot in a static wide frame',
  'the camera tilts up slowly',
  'medium close-up, shallow depth of field',
  'the camera orbits slowly',
] as const;

/** Actions for one person that fit any setting, base form. */
export const GENERIC_ACTIONS = [
  'look around slowly',
  'turn toward the camera',
  'walk forward',
  'glance over one shoulder',
  'stand still for a moment',
  'check a phone',
] as const;

/** Actions for two or three people together, base form. */
export const GROUP_ACTIONS = [
  'talk quietly',
  'walk side by side',
  'laugh together',
  'shake hands',
  'stand facing each other',
  'share a map',
  'look in the same direction',
] as const;
