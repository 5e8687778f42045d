import { copyFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The State design system, copied from the installed @gouvfr/dsfr into the site: its compiled
 * stylesheet, the fonts, the icons the stylesheet points at and the favicon. Only those: the
 * whole dist folder is tens of megabytes, and the site uses none of the design system's scripts.
 */
export async function copyDsfr(siteDir: string): Promise<number> {
  const dist = join(dirname(createRequire(import.meta.url).resolve("@gouvfr/dsfr/package.json")), "dist");
  const target = join(siteDir, "dsfr");
  // The source map is not shipped: a browser's developer tools would ask for it in vain.
  const css = (await readFile(join(dist, "dsfr.min.css"), "utf8")).replace(/\/\*# sourceMappingURL=[^*]*\*\/\s*$/, "");
  const files = new Set<string>(["favicon/favicon.svg"]);
  for (const match of css.matchAll(/url\(["']?((?:icons|fonts)\/[^"')?#]+)/g)) files.add(match[1]!);
  for (const font of await readdir(join(dist, "fonts"))) files.add(`fonts/${font}`);
  await mkdir(target, { recursive: true });
  await writeFile(join(target, "dsfr.min.css"), css);
  for (const file of files) {
    await mkdir(dirname(join(target, file)), { recursive: true });
    await copyFile(join(dist, file), join(target, file));
  }
  return files.size + 1;
}
