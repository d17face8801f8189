import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DynamicModule, Logger, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { Response } from 'express';

/** Where `npm run build` writes the web app (dist/web of the project or image), or WEB_DIST_DIR. */
export function webAppDirectory(): string {
  if (process.env.WEB_DIST_DIR) return resolve(process.env.WEB_DIST_DIR);
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'web');
}

/**
 * Hashed assets never change: cached for a year. The page itself is revalidated on every visit so
 * a new release is picked up at once.
 */
function cacheHeaders(res: Response, path: string): void {
  if (/[/\\]assets[/\\]/.test(path)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  else res.setHeader('Cache-Control', 'no-cache');
}

/**
 * Serves the built web app at `/`: its files, and its page for every other path outside /api
 * (the app's router shows the page). /api and a missing asset are left to the API (JSON 404).
 */
@Module({})
export class WebAppModule {
  static forRoot(): DynamicModule {
    const rootPath = webAppDirectory();
    if (!existsSync(join(rootPath, 'index.html'))) {
      new Logger('WebApp').warn({ rootPath }, 'The web app is not built (npm run build): / answers 404');
      return { module: WebAppModule };
    }
    return {
      module: WebAppModule,
      imports: [
        ServeStaticModule.forRoot({
          rootPath,
          exclude: ['/api', '/api/{*path}', '/assets/{*path}'],
          serveStaticOptions: { index: false, fallthrough: true, dotfiles: 'ignore', setHeaders: cacheHeaders },
        }),
      ],
    };
  }
}
