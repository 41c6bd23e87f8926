import * as OpenCC from 'opencc-js'

export type Script = 'hans' | 'hant'

/** Taiwan-standard phrases (軟體, 滑鼠) in both directions; built once, they are costly. */
// opencc-js's bundled declarations do not resolve under typescript-eslint's project service (tsc reads them fine).
/* eslint-disable @typescript-eslint/no-unsafe-assignment */
const converters: Record<Script, (text: string) => string> = {
  hant: OpenCC.Converter({ from: 'cn', to: 'twp' }),
  hans: OpenCC.Converter({ from: 'twp', to: 'cn' }),
}
/* eslint-enable @typescript-eslint/no-unsafe-assignment */

/** Text as the reader asked to read it; the stored text never changes. */
export function toScript(text: string, script: Script | undefined): string {
  return script && text ? converters[script](text) : text
}
