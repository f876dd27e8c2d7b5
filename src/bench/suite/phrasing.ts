/** Puts `a` or `an` before a phrase. */
export function withArticle(phrase: string): string {
  return /^([aeio]|u(?!ni)|hour)/i.test(phrase) ? `an ${phrase}` : `a ${phrase}`;
}

/** Upper-cases the first letter. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Joins a list as English: "a", "a and b", "a, b and c". */
export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Turns a base-form verb phrase into its third-person singular ("carry a box" -> "carries a box"). */
export function thirdPerson(verbPhrase: string): string {
  const [verb = '', ...rest] = verbPhrase.split(' ');
  let inflected: string;
  if (/(s|sh|ch|x|z|o)$/.test(verb)) inflected = `${verb}es`;
  else if (/[^aeiou]y$/.test(verb)) inflected = `${verb.slice(0, -1)}ies`;
  else inflected = `${verb}s`;
  return [inflected, ...rest].join(' ');
}

/** Makes a sentence from a clause: capital first letter and a final full stop. */
export function sentence(clause: string): string {
  const trimmed = clause.trim().replace(/[.,]$/, '');
  return `${capitalize(trimmed)}.`;
}

/** Joins subject phrases, some ending in an appositive comma: "Ravi, a short man, and Nora". */
export function joinSubjects(items: readonly string[]): string {
  return joinList(items).replace(/,,/g, ',');
}
