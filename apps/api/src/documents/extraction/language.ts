// Frequent function words of each language, leaving out those both share ("a", "on", "as").
const STOPWORDS = {
  fr: new Set(
    'le la les des du de et est un une que qui dans pour pas sur au aux avec ce cette ces il elle nous vous ils elles sont été par plus mais son sa ses leur leurs ne se à où être ont fait comme aussi'.split(
      ' ',
    ),
  ),
  en: new Set(
    'the of and to in is that for it with was are be by this have from or an not which at but they his her were has been their will would there what all can we you these those'.split(
      ' ',
    ),
  ),
};

// Enough of the text to tell; counting all of a 2,000-page document adds nothing.
const SAMPLE_CHARS = 200_000;
const MIN_HITS = 3;
const MIN_LEAD = 1.5;

/**
 * The language of a text, French or English, by stopword frequencies. Null when there are too
 * few stopwords to tell, or when neither language clearly leads.
 */
export function detectLanguage(text: string): 'fr' | 'en' | null {
  let fr = 0;
  let en = 0;
  for (const [word] of text
    .slice(0, SAMPLE_CHARS)
    .toLowerCase()
    .matchAll(/\p{L}+/gu)) {
    if (STOPWORDS.fr.has(word)) fr += 1;
    if (STOPWORDS.en.has(word)) en += 1;
  }
  if (fr + en < MIN_HITS) return null;
  if (fr >= en * MIN_LEAD) return 'fr';
  if (en >= fr * MIN_LEAD) return 'en';
  return null;
}
