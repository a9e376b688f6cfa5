/**
 * `npm run lake`: the local lake alone, configured for this site (seed, webhooks), supervised in
 * the foreground until Ctrl-C. Site instances then read it with LAKE_URL=http://127.0.0.1:3444.
 */
import { startSupervisedLake } from './lake-supervisor'

const lake = await startSupervisedLake()
if (!lake) {
  console.error('nothing to start: SANITY_PROJECT_ID is set (hosted Sanity) or LAKE_URL names a lake started elsewhere')
  process.exit(2)
}
const stop = () => void lake.stop().then(() => process.exit(0))
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
