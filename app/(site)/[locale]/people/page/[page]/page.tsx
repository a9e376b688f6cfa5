import { renderedOnFirstRequest } from '@/app/(site)/[locale]/_archive/archive-routes'
import { PeopleIndexRoute } from '@/app/(site)/[locale]/_archive/people-index-route'

export const revalidate = 60
export const generateStaticParams = renderedOnFirstRequest
export { generateMetadata } from '@/app/(site)/[locale]/_archive/people-index-route'
export default PeopleIndexRoute
