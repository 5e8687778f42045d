import { existsSync } from "node:fs";
import { mkdir, readdir, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, relative, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aap, BUNDLED_PACKAGE, makeWorkspace } from "../../fakes/fixtures/cli-workspace.ts";
import { startSiteServer } from "../../fakes/fixtures/site-server.ts";

/**
 * The site as a reader meets it: built by `aap build` from the bundled data, served over HTTP
 * under a sub-path, and driven in Debian's Chromium (one browser for every page). Screenshots
 * of the home and package pages are written to output/screenshots/ for review.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SCREENSHOTS = resolve(import.meta.dirname, "..", "..", "output", "screenshots");
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const PACKAGE_PAGE = `paquets/${BUNDLED_PACKAGE}.html`;

interface Problems {
  console: string[];
  failed: string[];
}

function watch(page: Page): Problems {
  const problems: Problems = { console: [], failed: [] };
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.console.push(`${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.console.push(`pageerror: ${error.message}`));
  page.on("requestfailed", (request) => problems.failed.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.failed.push(`${response.url()}: ${response.status()}`);
  });
  return problems;
}

// A browser on two shared cores is slow: a page's audit alone may take seconds.
describe("the site in a browser", { timeout: 240_000 }, () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startSiteServer>>;
  let pages: string[];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's package (sudo apt-get install -y chromium), or set CHROMIUM_PATH to a Chromium executable`);
    }
    const root = await makeWorkspace();
    const run = await aap(["build", "--log-format", "json"], { cwd: root });
    expect(run.code, run.stderr).toBe(0);
    const site = join(root, "output", "site");
    const entries = await readdir(site, { withFileTypes: true, recursive: true });
    pages = entries.filter((e) => e.isFile() && e.name.endsWith(".html")).map((e) => relative(site, join(e.parentPath, e.name))).sort();
    server = await startSiteServer(site);
    // Root in a container has no user namespace for Chromium's sandbox; the pages are our own.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("loads every page without a console error or a missing file, and axe finds no serious or critical violation", async () => {
    expect(pages).toContain(PACKAGE_PAGE);
    const page = await browser.newPage();
    const problems = watch(page);
    const violations: string[] = [];
    for (const path of pages) {
      await page.goto(server.site + path, { waitUntil: "load" });
      await page.addScriptTag({ path: AXE });
      // The test runs in Node, without the DOM's types: the audit is sent as a script.
      const found = (await page.evaluate(`axe.run(document, { resultTypes: ["violations"] }).then((result) =>
        result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => v.id + " (" + v.impact + "): " + v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")))`)) as string[];
      violations.push(...found.map((v) => `${path}: ${v}`));
    }
    await page.close();
    expect(problems).toEqual({ console: [], failed: [] });
    expect(violations).toEqual([]);
  });

  it("searches, filters and sorts the projects table", async () => {
    const page = await browser.newPage();
    await page.goto(server.site + PACKAGE_PAGE);
    const form = page.locator("form.aap-filters");
    await expect.poll(() => form.isVisible()).toBe(true);
    const rows = page.locator("#tableau-laureats tbody tr");
    const visible = () => rows.evaluateAll((trs) => trs.filter((tr) => !tr.hasAttribute("hidden")).length);
    const total = await rows.count();
    expect(total).toBeGreaterThan(10);
    expect(await visible()).toBe(total);

    const ministry = await page.locator("#filtre-ministere option").nth(1).getAttribute("value");
    await page.selectOption("#filtre-ministere", ministry!);
    const expected = await rows.evaluateAll((trs, value) => trs.filter((tr) => tr.getAttribute("data-ministere") === value).length, ministry);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(total);
    expect(await visible()).toBe(expected);
    expect(await page.locator("[data-compte]").textContent()).toBe(`${expected} projet${expected > 1 ? "s" : ""} affiché${expected > 1 ? "s" : ""} sur ${total}`);
    await page.selectOption("#filtre-ministere", "");

    await page.fill("#recherche-laureats", "aucun projet ne porte ce nom");
    expect(await visible()).toBe(0);
    // Accents do not matter to a search: "donnee" finds "donnée".
    await page.fill("#recherche-laureats", "donnee");
    const found = await visible();
    expect(found).toBeGreaterThan(0);
    expect(found).toBeLessThan(total);
    await page.fill("#recherche-laureats", "");

    const amounts = () => rows.evaluateAll((trs) => trs.map((tr) => tr.cells[5]!.getAttribute("data-tri")).filter((v) => v !== "").map(Number));
    const sort = page.getByRole("button", { name: /Montant accordé/ });
    await sort.click();
    const ascending = await amounts();
    expect(ascending.length).toBeGreaterThan(1);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(await page.locator("#tableau-laureats th[aria-sort]").getAttribute("aria-sort")).toBe("ascending");
    await sort.click();
    expect(await amounts()).toEqual([...ascending].sort((a, b) => b - a));
    await page.close();
  });

  it("reads in full without JavaScript: the whole table, no filter form", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.site + PACKAGE_PAGE);
    expect(await page.locator("form.aap-filters").isVisible()).toBe(false);
    const rows = page.locator("#tableau-laureats tbody tr");
    expect(await rows.count()).toBeGreaterThan(10);
    expect(await rows.first().isVisible()).toBe(true);
    expect(await page.locator("svg.aap-chart").count()).toBeGreaterThanOrEqual(8);
    await context.close();
  });

  it("answers 200 for every download link, with the content type the page announces", async () => {
    const page = await browser.newPage();
    await page.goto(server.site + PACKAGE_PAGE);
    const links = (await page.locator("a.fr-link--download").evaluateAll((as) => as.map((a) => ({ href: a.getAttribute("href")!, type: a.getAttribute("type") })))).map((link) => ({ ...link, href: new URL(link.href, page.url()).href }));
    expect(links.length).toBeGreaterThanOrEqual(6);
    for (const link of links) {
      const response = await page.request.get(link.href);
      expect(response.status(), link.href).toBe(200);
      expect(response.headers()["content-type"]?.split(";")[0], link.href).toBe(link.type);
      expect((await response.body()).length, link.href).toBeGreaterThan(0);
    }
    await page.close();
  });

  it("writes screenshots of the home and package pages, on a desktop and on a phone", async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    const shots = [
      { file: "accueil.png", path: "index.html", width: 1280, viewportOnly: false },
      { file: "paquet.png", path: PACKAGE_PAGE, width: 1280, viewportOnly: false },
      { file: "paquet-telephone.png", path: PACKAGE_PAGE, width: 390, viewportOnly: true },
    ];
    for (const shot of shots) {
      const page = await browser.newPage({ viewport: { width: shot.width, height: 900 } });
      await page.goto(server.site + shot.path);
      await page.screenshot({ path: join(SCREENSHOTS, shot.file), fullPage: !shot.viewportOnly });
      // On a phone the page does not scroll sideways: wide tables scroll inside their own region.
      expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(shot.width);
      await page.close();
      expect((await stat(join(SCREENSHOTS, shot.file))).size).toBeGreaterThan(10_000);
    }
  });
});
