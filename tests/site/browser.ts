/**
 * Test helpers for the browser tests (not a test file): a system Chromium driven by
 * playwright-core, and a tiny static server for the built site in dist/.
 *
 * We never download a browser: `npm test` runs scripts/ensure-chromium.ts first, which finds
 * /usr/bin/chromium (or installs the Debian package when it runs as root).
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext } from "playwright-core";
import { findChromium } from "../../scripts/ensure-chromium.js";

export { findChromium };

/** The built site. */
export const DIST_DIR = fileURLToPath(new URL("../../dist/", import.meta.url));

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-dev-shm-usage",
];

export interface Browser {
  context: BrowserContext;
  /** Closes the browser and removes its profile folder. */
  close(): Promise<void>;
}

/**
 * Launch headless Chromium with a fresh profile in a temp folder. Playwright refuses
 * `--user-data-dir` in `args`, so the profile goes through `launchPersistentContext`.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error(
      "No Chromium found at /usr/bin/chromium or on PATH. Install it with " +
        "`sudo apt-get update && sudo apt-get install -y chromium` (or run `npx tsx scripts/ensure-chromium.ts` as root).",
    );
  }
  const profile = mkdtempSync(join(tmpdir(), "tokenizer-explorer-chromium-"));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: CHROMIUM_ARGS });
  } catch (err) {
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
};

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

/**
 * The file that answers a URL path the way a static host serves Framework's output:
 * `/` and `/dir/` → `index.html`, `/foo` → `foo.html`, else the file itself.
 */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const base = resolve(root);
  const path = resolve(base, `.${decoded}`);
  if (path !== base && !path.startsWith(base + sep)) return undefined; // no escaping the root
  if (decoded.endsWith("/")) return isFile(join(path, "index.html")) ? join(path, "index.html") : undefined;
  if (isFile(path)) return path;
  if (isFile(`${path}.html`)) return `${path}.html`;
  if (isFile(join(path, "index.html"))) return join(path, "index.html");
  return undefined;
}

export interface StaticServer {
  /** e.g. `http://127.0.0.1:43817` (no trailing slash). */
  origin: string;
  close(): Promise<void>;
}

/**
 * Serve `root` on 127.0.0.1 on a random free port. Answers /favicon.ico with 204. With `cors`,
 * every answer carries `Access-Control-Allow-Origin: *`, as a host must send for other sites to
 * import the embed modules (see /embed).
 */
export async function serveStatic(
  root: string = DIST_DIR,
  { cors = false }: { cors?: boolean } = {},
): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    if (url.pathname === "/favicon.ico" && !isFile(join(root, "favicon.ico"))) {
      res.writeHead(204).end();
      return;
    }
    const file = resolveStaticPath(root, url.pathname);
    if (!file) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end(`Not found: ${url.pathname}\n`);
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "content-length": body.length,
      "cache-control": "no-store",
      ...(cors ? { "access-control-allow-origin": "*" } : {}),
    });
    res.end(req.method === "HEAD" ? undefined : body);
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok, fail) => {
        server.closeAllConnections();
        server.close((err) => (err ? fail(err) : ok()));
      }),
  };
}

/** The built site served and opened in a fresh Chromium, with what the page did recorded. */
export interface SiteSession {
  server: StaticServer;
  browser: Browser;
  page: import("playwright-core").Page;
  /** Every URL the browser asked for (page and workers). */
  requests: string[];
  /** Console errors and uncaught exceptions. */
  consoleErrors: string[];
  /** Dialogs that opened (each dismissed at once). */
  dialogs: string[];
  close(): Promise<void>;
}

/**
 * Serve dist/ and start a fresh Chromium with one page, recording what it does. `expectFile`
 * (e.g. "vocabulary.html") must have been built; if not, this fails saying how to build it.
 */
export async function openSite(
  expectFile: string,
  { timeout = 60_000 }: { timeout?: number } = {},
): Promise<SiteSession> {
  if (!isFile(join(DIST_DIR, expectFile))) {
    throw new Error(
      `${DIST_DIR}${expectFile} is missing: build the site first with \`npm run build\` (\`npm test\` does this for you).`,
    );
  }
  const server = await serveStatic(DIST_DIR);
  const browser = await launchBrowser();
  const requests: string[] = [],
    consoleErrors: string[] = [],
    dialogs: string[] = [];
  browser.context.on("request", (request) => requests.push(request.url()));
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(timeout);
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(`${msg.text()} (${msg.location().url})`);
  });
  page.on("pageerror", (err) => consoleErrors.push(`uncaught: ${err.message}`));
  page.on("dialog", (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return {
    server,
    browser,
    page,
    requests,
    consoleErrors,
    dialogs,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** The requests that went anywhere but `origin` (data: and blob: URLs are local). */
export const foreignRequests = (requests: string[], origin: string) =>
  requests.filter((url) => !url.startsWith("data:") && !url.startsWith("blob:") && new URL(url).origin !== origin);
