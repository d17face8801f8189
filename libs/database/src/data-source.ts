import { DataSource } from 'typeorm';
import { databaseSslFrom } from '@dondoc/config';
import { dataSourceOptions } from './data-source-options';

/**
 * The DataSource the TypeORM CLI uses (`npm run migration:generate`, `migration:run`), built from
 * DATABASE_URL like the application's.
 */
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required to run TypeORM migrations');

export default new DataSource({ ...dataSourceOptions({ url, ssl: databaseSslFrom(process.env) }), logging: ['error', 'migration', 'schema'] });
