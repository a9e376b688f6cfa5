import { localImage } from '@/sanity/local-image'

export async function GET(request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  return localImage((await params).path, request)
}
