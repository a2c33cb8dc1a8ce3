#!/usr/bin/env node
// Renders images/icon.svg to images/icon.png (128×128, the Marketplace's size)
// with Chromium through playwright-core: CHROMIUM=/path/to/chromium to choose it.
'use strict';
const { readFileSync } = require('fs');
const { join } = require('path');

const IMAGES = join(__dirname, '..', 'images');

async function main() {
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
    const svg = readFileSync(join(IMAGES, 'icon.svg'), 'utf8');
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.locator('svg').screenshot({ path: join(IMAGES, 'icon.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
  console.log(`wrote ${join(IMAGES, 'icon.png')}`);
}

main().catch((e) => {
  process.stderr.write(`scripts/icon.js: ${e.stack ?? e}\n`);
  process.exit(1);
});
