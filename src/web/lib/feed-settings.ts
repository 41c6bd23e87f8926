import { useStoredSetting } from './stored-setting.js'

export type ScriptChoice = 'original' | 'hans' | 'hant'

const SWITCH = ['on', 'off'] as const
const SCRIPTS = ['original', 'hans', 'hant'] as const

/** How this device reads the Life Circle: commercial posts folded or not, friends' text converted or as written. */
export function useFeedSettings() {
  const [fold, setFold] = useStoredSetting('lifecircle.circle.foldCommercial', SWITCH, 'off')
  const [script, setScript] = useStoredSetting<ScriptChoice>('lifecircle.circle.script', SCRIPTS, 'original')
  return {
    foldCommercial: fold === 'on',
    setFoldCommercial: (on: boolean) => setFold(on ? 'on' : 'off'),
    script,
    setScript,
    /** The `script` query parameter: null when reading as written. */
    scriptParam: script === 'original' ? null : script,
  }
}
