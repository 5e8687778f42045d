import { copyFile, mkdir, mkdtemp, readdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { CodedError } from "../frictionless/index.ts";
import { pathExists } from "../shared/fs.ts";
import { SiteError } from "./errors.ts";
import { buildSite } from "./build-site.ts";
import { copyDsfr } from "./dsfr-assets.ts";
import { downloadsDir } from "./pages/downloads-section.ts";
import { readSiteInput, type SiteSources } from "./read-site-input.ts";

export const SITE_DIR = "site";

export interface WrittenSite {
  dir: string;
  pages: number;
  files: number;
  packages: number;
}

/**
 * output/site/, made from the validated packages: written in a temporary folder beside it and
 * swapped in, so that a failure leaves the previous site whole. The data files are copied in
 * (under donnees/<package>/), because GitHub Pages publishes this folder alone.
 */
export async function writeSite(sources: SiteSources): Promise<WrittenSite> {
  try {
    return await writeSiteFiles(sources);
  } catch (error) {
    if (error instanceof CodedError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new SiteError(`the site could not be written: ${reason}`, join(sources.outputDir, SITE_DIR), error);
  }
}

async function writeSiteFiles(sources: SiteSources): Promise<WrittenSite> {
  const input = await readSiteInput(sources);
  const finalDir = join(sources.outputDir, SITE_DIR);
  await mkdir(sources.outputDir, { recursive: true });
  for (const entry of await readdir(sources.outputDir)) if (/^\.site-/.test(entry)) await rm(join(sources.outputDir, entry), { recursive: true, force: true });
  const staging = await mkdtemp(join(sources.outputDir, ".site-new-"));
  try {
    const files = buildSite(input);
    for (const [path, text] of files) {
      await mkdir(dirname(join(staging, path)), { recursive: true });
      await writeFile(join(staging, path), text);
    }
    let copied = await copyDsfr(staging);
    for (const pkg of input.packages) {
      const target = join(staging, downloadsDir(pkg));
      await mkdir(target, { recursive: true });
      for (const file of Object.values(pkg.downloads).flat()) {
        await copyFile(join(sources.outputDir, pkg.name, file.path), join(target, file.path));
        copied += 1;
      }
    }
    await swapIn(staging, finalDir);
    return { dir: finalDir, pages: [...files.keys()].filter((p) => p.endsWith(".html")).length, files: files.size + copied, packages: input.packages.length };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

async function swapIn(staging: string, finalDir: string): Promise<void> {
  if (!(await pathExists(finalDir))) return rename(staging, finalDir);
  const old = `${staging.replace(/\.site-new-/, ".site-old-")}`;
  await rename(finalDir, old);
  await rename(staging, finalDir);
  await rm(old, { recursive: true, force: true });
}
