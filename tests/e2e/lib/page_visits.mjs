// The pages every sweep opens (pages.spec.mjs for layout and axe, weight.spec.mjs for bytes),
// as each kind of user reaches them. One list, so a page added here is checked both ways.
import {signIn} from './harness.mjs';

// who: a demo account (password microcred-demo), or null for a visitor. follow: pages whose
// links (matching the pattern) are swept too, so id-bearing pages are covered.
export const visits = [
  {who: null, paths: ['/', '/sign-in', '/sign-up', '/password/forgot', '/catalog', '/verify'],
    follow: {from: '/catalog', links: /^\/catalog\/[^/]+$/, max: 2}},
  {who: 'educator@demo.microcred.test', paths: ['/dashboard', '/profile', '/learning', '/notifications', '/wallet', '/assessors/apply', '/incentives']},
  {who: 'assessor@demo.microcred.test', paths: ['/assess', '/dashboard', '/assessors/training', '/assessors/earnings']},
  {who: 'lead.assessor@demo.microcred.test', paths: ['/assess', '/appeals'],
    follow: {from: '/appeals', links: /^\/appeals\/[\w-]+$/, max: 1}},
  {who: 'coach@demo.microcred.test', paths: ['/dashboard', '/coaching'],
    follow: {from: '/coaching', links: /^\/coaching\/[\w-]+$/, max: 1}},
  {who: 'program.admin@demo.microcred.test',
    paths: ['/admin', '/admin/queue', '/admin/catalog/framework', '/admin/reliability', '/admin/reliability/settings',
      '/admin/reliability/calibration', '/admin/awards', '/admin/appeals', '/admin/coaching', '/admin/turnaround',
      '/admin/assessors', '/admin/honoraria', '/admin/incentives'],
    follow: {from: '/admin', links: /^\/admin\/[\w/-]+$/, max: 12}},
  {who: 'agency.admin@demo.microcred.test', paths: ['/admin/users', '/admin/issuer', '/admin/privacy', '/audit']},
  {who: 'auditor@demo.microcred.test', paths: ['/dashboard', '/audit']},
  {who: 'director@demo.microcred.test', paths: ['/dashboard', '/incentives/staff']},
];

// The paths of one visit: its own, plus the links followed from `follow.from` (id-bearing pages).
export async function pathsOf(page, visit) {
  const paths = [...visit.paths];
  if (visit.follow) {
    await page.goto(visit.follow.from);
    const hrefs = await page.locator('main a[href^="/"]').evaluateAll(as => as.map(a => a.getAttribute('href')));
    const more = [...new Set(hrefs)].filter(h => visit.follow.links.test(h) && !paths.includes(h)).slice(0, visit.follow.max);
    paths.push(...more);
  }
  return paths;
}

// Opens a context as the visit's user, in `lang`, through the language switch and the sign-in form.
export async function startVisit(page, visit, lang) {
  await page.goto(`/lang/${lang}?next=/`);
  if (visit.who) await signIn(page, visit.who);
}
