import '../fonts/fonts.css'
import '../globals.css'

/**
 * The Studio's own root layout: the reader site's root is app/(site)/[locale]/layout.tsx, which sets
 * <html lang> per edition. The Studio's interface is Russian.
 */
export default function StudioLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="ru">
      <body>{children}</body>
    </html>
  )
}
