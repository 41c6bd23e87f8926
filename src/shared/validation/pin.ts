/**
 * PINs a shoulder-surfer or a guesser tries first: one digit repeated (111111) or a straight run (123456, 987654).
 * The API accepts any six digits, as its contract promises; the web app refuses these, as Alipay does.
 */
export function isSimplePin(pin: string): boolean {
  if (!/^\d{6}$/.test(pin)) return false
  const steps = new Set<number>()
  for (let i = 1; i < pin.length; i++) steps.add((Number(pin[i]) - Number(pin[i - 1]) + 10) % 10)
  return steps.size === 1 && [0, 1, 9].includes([...steps][0] ?? -1)
}
