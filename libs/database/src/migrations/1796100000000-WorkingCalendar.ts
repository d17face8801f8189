import { MigrationInterface, QueryRunner } from "typeorm";

/** The decided 2026 schedule, as announced; the rules of the Labour Code give every other year until it is decided. */
const NEW_YEAR_2026 = '12729/VPCP-KGVX';
const TET_2026 = 'Thông báo của Bộ Nội vụ về lịch nghỉ Tết Âm lịch 2026';
const LABOUR_CODE = 'Bộ luật Lao động 2019, Điều 112';
const SEED_2026: [date: string, kind: 'HOLIDAY' | 'WORKDAY', document: string, note: string][] = [
    ['2026-01-01', 'HOLIDAY', NEW_YEAR_2026, 'Tết Dương lịch 2026: nghỉ từ thứ Năm 01/01 đến hết Chủ nhật 04/01/2026'],
    ['2026-01-02', 'HOLIDAY', NEW_YEAR_2026, 'Hoán đổi: nghỉ thứ Sáu 02/01/2026, làm bù thứ Bảy 10/01/2026'],
    ['2026-01-10', 'WORKDAY', NEW_YEAR_2026, 'Làm bù cho thứ Sáu 02/01/2026'],
    ...Array.from({ length: 9 }, (_, i): [string, 'HOLIDAY', string, string] => [
        `2026-02-${String(14 + i).padStart(2, '0')}`,
        'HOLIDAY',
        TET_2026,
        'Tết Nguyên đán Bính Ngọ: nghỉ 9 ngày từ thứ Bảy 14/02/2026 (27 tháng Chạp) đến hết Chủ nhật 22/02/2026 (mùng 6 tháng Giêng)',
    ]),
    ['2026-04-27', 'HOLIDAY', LABOUR_CODE, 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch, Chủ nhật 26/04/2026)'],
    ['2026-04-30', 'HOLIDAY', LABOUR_CODE, 'Ngày Chiến thắng 30/4'],
    ['2026-05-01', 'HOLIDAY', LABOUR_CODE, 'Ngày Quốc tế Lao động 1/5'],
];

/**
 * The working-day calendar: the government's dated decisions (calendar_overrides, seeded with 2026), every date's
 * working flag and ordinal for SQL statistics (calendar_days, filled from code by CalendarService at start-up, not
 * here), and the revision every process compares to see a change (calendar_state).
 */
export class WorkingCalendar1796100000000 implements MigrationInterface {
    name = 'WorkingCalendar1796100000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "calendar_overrides" (
                "date" date NOT NULL,
                "kind" character varying(10) NOT NULL,
                "document" character varying(100),
                "note" text,
                "created_by" uuid,
                "updated_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CK_calendar_overrides_kind" CHECK ("kind" IN ('HOLIDAY', 'WORKDAY')),
                CONSTRAINT "PK_calendar_overrides" PRIMARY KEY ("date")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "calendar_days" (
                "date" date NOT NULL,
                "working" boolean NOT NULL,
                "working_ordinal" integer NOT NULL,
                CONSTRAINT "PK_calendar_days" PRIMARY KEY ("date")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "calendar_state" (
                "id" smallint NOT NULL,
                "revision" bigint NOT NULL DEFAULT '0',
                "days_fingerprint" character varying(200),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CK_calendar_state_single" CHECK ("id" = 1),
                CONSTRAINT "PK_calendar_state" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`INSERT INTO "calendar_state" ("id", "revision") VALUES (1, 1)`);
        for (const [date, kind, document, note] of SEED_2026) {
            await queryRunner.query(
                `INSERT INTO "calendar_overrides" ("date", "kind", "document", "note") VALUES ($1, $2, $3, $4)`,
                [date, kind, document, note],
            );
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "calendar_state"`);
        await queryRunner.query(`DROP TABLE "calendar_days"`);
        await queryRunner.query(`DROP TABLE "calendar_overrides"`);
    }
}
