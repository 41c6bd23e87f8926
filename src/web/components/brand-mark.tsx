/** The LifeCircle logo: the same drawing as public/icons/icon.svg. */
export function BrandMark({ size = 56 }: { size?: number }) {
  return <img className="brand-mark" src="/icons/icon.svg" width={size} height={size} alt="" />
}
