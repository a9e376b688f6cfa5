import { chromium } from '@playwright/test'
import { readFileSync } from 'node:fs'
const token = JSON.parse(readFileSync('/work/main/.data/lake-tokens.json','utf8')).editor
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-quic','--disable-background-networking','--disable-component-update','--disable-sync'] })
const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 900 } })
const page = await context.newPage()
const failed = []
page.on('response', r => { if (r.status() >= 400 && !/journey|schedules|help|socket/.test(r.url())) failed.push(r.status() + ' ' + r.url().slice(0,200)) })
page.on('requestfailed', r => { if (!/sanity-cdn|api.sanity.io/.test(r.url())) failed.push('FAILED ' + r.url().slice(0,200) + ' ' + r.failure()?.errorText) })
await page.goto(`http://localhost:3000/studio/structure/article;article-peregovory-tokaeva-i-van-i#token=${token}`)
await page.waitForTimeout(7000)
const title = page.getByRole('textbox').first()
console.log('title field', await title.inputValue().catch(e => 'ERR ' + e.message))
await title.click(); await page.keyboard.press('End'); await page.keyboard.type(' (правка)')
await page.waitForTimeout(3000)
await page.screenshot({ path: '/tmp/s3.png' })
await page.getByRole('button', { name: 'Publish' }).click().catch(e => console.log('publish click', e.message))
await page.waitForTimeout(4000)
await page.screenshot({ path: '/tmp/s4.png' })
console.log([...new Set(failed)].slice(0, 20).join('\n'))
await browser.close()
