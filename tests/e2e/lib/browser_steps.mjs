// Steps of the assessment pages as people take them in the browser, shared by the walks
// (loop, coaching): the program turns double scoring off, an admin runs the auto-assigner, the
// assessor who received the submission opens it, and a level is tapped on each criterion.
import assert from 'node:assert/strict';
import {signIn} from './harness.mjs';

// Double scoring has its own walk (reliability.spec.mjs); a walk that follows one assessor turns
// it off before anything is submitted (a submission's plan is fixed when it is first assigned).
export async function singleScoring(admin) {
  await admin.goto('/admin/reliability/settings');
  await admin.locator('#double_share').fill('0');
  if (await admin.locator('#double_first_of_version').isChecked()) await admin.locator('label[for="double_first_of_version"]').click();
  await Promise.all([admin.waitForURL(/done=settings_saved/), admin.locator('form[action="/admin/reliability/settings"] button[type="submit"]').click()]);
  assert.equal(await admin.locator('#double_first_of_version').isChecked(), false);
}

export async function autoAssign(admin) {
  await admin.goto('/admin/queue');
  await Promise.all([admin.waitForLoadState('load'),
    admin.locator('form[action="/admin/queue/auto-assign"] button[type="submit"]').click()]);
}

// The auto-assigner picks the least-loaded eligible assessor: sign in as each demo assessor
// until one has it open. Returns that assessor's email.
export async function openAssignment(page) {
  for (const who of ['assessor@demo.microcred.test', 'assessor2@demo.microcred.test']) {
    await page.context().clearCookies();
    await signIn(page, who);
    await page.goto('/assess');
    // Open assignments only (the list of completed ones links to /assess/ too; the demo has a history).
    const link = page.locator('ul.mc-assignments a[href^="/assess/"]').first();
    if (await link.count()) {
      await Promise.all([page.waitForLoadState('load'), link.click()]);
      return who;
    }
  }
  throw new Error('no assessor has the submission open');
}

// Taps "Not yet" on the first criterion when asked, "Demonstrated" on every other, and checks
// each is chosen. Returns the criterion fieldsets, for feedback.
export async function pickLevels(page, notYetFirst) {
  const groups = page.locator('fieldset:has(input[type="radio"][name^="level_"])');
  const count = await groups.count();
  assert.ok(count > 0, 'the scoring page shows the rubric');
  for (let i = 0; i < count; i++) {
    const level = notYetFirst && i === 0 ? 'not_yet' : 'demonstrated';
    const radio = groups.nth(i).locator(`input[type="radio"][value="${level}"]`);
    await page.locator(`label[for="${await radio.getAttribute('id')}"]`).click(); // the tile people tap
    assert.ok(await radio.isChecked(), `criterion ${i + 1}: ${level} is chosen`);
  }
  return groups;
}
