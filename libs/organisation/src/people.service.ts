import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Language } from '@dondoc/common';
import { normaliseEmail, User, type StoredRole } from './user.entity';

/** What a new person is created with when nobody else holds their email. */
export interface NewPerson {
  email: string;
  name: string;
  passwordHash: string | null;
  roles: StoredRole[];
  language: Language;
}

/**
 * The people table for sign-in (libs/auth): finding and locking a person, their failed sign-ins,
 * lockout and password hash, and the first person of an empty database. The policy (how many
 * failures lock, for how long, how a password is hashed) stays with the caller; this only reads
 * and writes the rows. Locks and writes take the caller's transaction.
 */
@Injectable()
export class PeopleService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The person with this email (compared lower-case), locked for update until the transaction ends; null if none.
   * `FOR NO KEY UPDATE`, like every lock on a row others refer to: a row inserted meanwhile that names the user (an
   * outbox row, an audit actor) only takes a key-share lock, so it neither waits for this transaction nor deadlocks
   * with it (it would, holding the audit chain's lock this transaction waits for).
   */
  lockByEmail(manager: EntityManager, email: string): Promise<User | null> {
    return manager.getRepository(User).findOne({ where: { email: normaliseEmail(email) }, lock: { mode: 'for_no_key_update' } });
  }

  /** The person with this id, locked for update until the transaction ends (`FOR NO KEY UPDATE`, as above); fails (EntityNotFoundError) if none. */
  lockById(manager: EntityManager, id: string): Promise<User> {
    return manager.getRepository(User).findOneOrFail({ where: { id }, lock: { mode: 'for_no_key_update' } });
  }

  /** A person, active or not, or null. */
  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<User | null> {
    return manager.getRepository(User).findOneBy({ id });
  }

  /** The person with this email (compared lower-case), or null. */
  findByEmail(email: string, manager: EntityManager = this.dataSource.manager): Promise<User | null> {
    return manager.getRepository(User).findOneBy({ email: normaliseEmail(email) });
  }

  /** Stores a person's failed sign-ins in a row and, when they are locked out, until when. */
  async recordFailedSignIns(manager: EntityManager, userId: string, failures: { count: number; lockedUntil: Date | null }): Promise<void> {
    await manager.update(User, { id: userId }, { failedLoginCount: failures.count, lockedUntil: failures.lockedUntil });
  }

  /** Records a successful sign-in: the failures are forgotten and any lockout lifted. */
  async recordSignIn(manager: EntityManager, userId: string, at: Date): Promise<void> {
    await manager.update(User, { id: userId }, { failedLoginCount: 0, lockedUntil: null, lastLoginAt: at });
  }

  /**
   * Replaces a person's password hash and notes when. `unlock` also forgets their failed sign-ins
   * and lifts any lockout (a password set through a link).
   */
  async setPasswordHash(manager: EntityManager, userId: string, passwordHash: string, options: { unlock?: boolean } = {}): Promise<void> {
    await manager.update(User, { id: userId }, { passwordHash, passwordChangedAt: new Date(), ...(options.unlock ? { failedLoginCount: 0, lockedUntil: null } : {}) });
  }

  /** How many people there are, active or not. */
  countUsers(manager: EntityManager = this.dataSource.manager): Promise<number> {
    return manager.getRepository(User).count();
  }

  /**
   * Creates a person unless their email (compared lower-case) is taken, as one statement: of several
   * processes doing it at once, the unique email constraint lets only one win. True if this call created them.
   */
  async insertUnlessEmailTaken(person: NewPerson, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const result = await manager
      .getRepository(User)
      .createQueryBuilder()
      .insert()
      .values({ ...person, email: normaliseEmail(person.email) })
      .orIgnore()
      .execute();
    return (result.raw as unknown[]).length > 0;
  }
}
