import { chromium } from '@playwright/test'
import { readFileSync } from 'node:fs'
const token = JSON.parse(readFileSync('/work/main/.data/lake-tokens.json','utf8')).editor
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-quic','--disable-background-networking','--disable-component-update','--disable-sync'] })
const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 900 } })
const page = await context.newPage()
await page.goto(`http://localhost:3000/studio/structure/article#token=${token}`)
await page.waitForTimeout(6000)
await page.screenshot({ path: '/tmp/s1.png' })
const item = page.getByText('Переговоры Токаева и Ван И', { exact: false }).first()
await item.click()
await page.waitForTimeout(4000)
await page.screenshot({ path: '/tmp/s2.png' })
console.log(page.url())
await browser.close()
