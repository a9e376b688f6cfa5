import { nthPageRoute } from '@/app/(site)/[locale]/_archive/archive-routes'

const route = nthPageRoute('people')

export const revalidate = 60
export const generateStaticParams = route.generateStaticParams
export const generateMetadata = route.generateMetadata
export default route.Page
