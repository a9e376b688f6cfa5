import { PeopleIndexRoute } from '@/app/(site)/[locale]/_archive/people-index-route'

export const revalidate = 60
export { generateMetadata } from '@/app/(site)/[locale]/_archive/people-index-route'
export default PeopleIndexRoute
