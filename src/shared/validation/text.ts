/**
 * Embeddings, overrides and isolates (LRE…RLO, LRI…PDI): they reorder the text after them, so a name can spell one
 * thing and show another (`\u202Egpj.exe` reads "exe.jpg"). The marks LRM, RLM and ALM are left alone: they only
 * settle where neutral characters go, and mixed Arabic or Hebrew text needs them.
 */
const DIRECTION_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u
/**
 * Characters that draw nothing: what Unicode says a renderer may ignore (zero-width characters, joiners, variation
 * selectors, Hangul fillers, tags…), format and control characters, whitespace, and the blank Braille cell, which no
 * property covers but is a favourite blank name.
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}\p{White_Space}\u2800]/u
const ONLY_INVISIBLE = new RegExp(`^${INVISIBLE.source}*$`, 'u')
/** Half a surrogate pair: no character at all, and UTF-8 cannot store it, so it would come back as U+FFFD. */
const LONE_SURROGATE = /\p{Cs}/u

/**
 * What a name or title others will see may be: no direction controls, no half characters, and at least one
 * character that shows. Joiners between visible characters (👨‍👩‍👧, Persian ZWNJ) are fine.
 */
export function isNameText(text: string): boolean {
  return !DIRECTION_CONTROL.test(text) && !LONE_SURROGATE.test(text) && !ONLY_INVISIBLE.test(text)
}

/** The Ajv format name for {@link isNameText}, used in the API schemas and recognised by the error mapping. */
export const NAME_TEXT_FORMAT = 'name-text'

/** Whether the text holds half a surrogate pair, which no stored text can keep as sent. */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text)
}

const IGNORABLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu

/**
 * Text as a keyword filter should see it: compatibility forms folded (full-width ｈｔｔｐｓ：／／ is https://),
 * invisible characters dropped (加\u200B微信 is 加微信), case ignored. For matching only; what is stored and shown
 * stays as typed. Whitespace is kept, so that words either side of a space do not run together into a keyword.
 */
export function foldForMatching(text: string): string {
  return text.normalize('NFKC').replace(IGNORABLE, '').toLowerCase()
}

/** Whether any keyword, folded the same way, appears in the text. */
export function containsKeyword(text: string, keywords: readonly string[]): boolean {
  const folded = foldForMatching(text)
  return keywords.some((keyword) => {
    const word = foldForMatching(keyword)
    return word !== '' && folded.includes(word)
  })
}
