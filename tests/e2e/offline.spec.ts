// Offline: after one visit the service worker has the built app, so with the
// network cut a reload still shows gotune and a dropped file is analysed.

import { expect, test } from '@playwright/test';
import { dropFiles, fixture } from './helpers';

test('after the first visit the app reloads and parses a dropped file offline', async ({ page, context }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // The service worker is installed (all files precached) and controls the page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
  await context.setOffline(true);
  // The network is really gone for this context.
  expect(await page.evaluate(() => fetch('https://example.com/', { mode: 'no-cors' }).then(() => 'reached', () => 'failed'))).toBe('failed');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await dropFiles(page, [fixture('godebug/gctrace-basic.log')]);
  await expect(page.locator('[data-testid=input-row][data-status=done]')).toHaveCount(1);
  await expect(page.getByTestId('gc-stats')).toBeVisible();
  // The example files are precached too.
  await page.goto('./');
  await page.getByRole('button', { name: 'Open the example' }).click();
  await expect(page.locator('[data-testid=input-row][data-status=done]').first()).toBeVisible();
  await context.setOffline(false);
});

test('another same-origin page visited online does not replace the app offline', async ({ page, context }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
  // A person opens the examples' manifest (any same-origin URL) in the tab once, online.
  const res = await page.goto('./examples/manifest.json');
  expect(res?.ok()).toBe(true);
  await expect(page.locator('body')).toContainText('"');
  await context.setOffline(true);
  for (const url of ['./', './index.html', './#/wizard']) {
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Open the example' }).or(page.getByRole('heading', { name: 'Container tuning wizard' }))).toBeVisible();
  }
  // The manifest itself is still what it is (precached), not the app.
  await page.goto('./examples/manifest.json');
  expect(JSON.parse((await page.locator('body').textContent()) ?? '')).toBeTruthy();
  await context.setOffline(false);
});
