import { Hono } from 'hono';
import { formatParcelFilter } from '../domain/filters.ts';
import { toCsv } from '../export/csv.ts';
import { statisticsRows } from '../export/statistics-rows.ts';
import { toXlsx } from '../export/xlsx.ts';
import type { ParcelStore } from '../store/parcel-store.ts';
import { CONTENT_TYPES, downloadHeaders } from './download.ts';
import { errorBody, filterErrorBody } from './errors.ts';
import { filterFromUrl } from './filter-query.ts';
import { exportFileName, groupName, parseGroupBy, statisticsFor } from './statistics-query.ts';

const STATISTICS_FORMATS = ['csv', 'xlsx'] as const;

/** `GET /api/stats` and `GET /api/stats/export`: one statistics function behind the screen and the file. */
export function statisticsRoutes(store: ParcelStore) {
  return new Hono()
    .get('/', (c) => {
      const parsed = filterFromUrl(c.req.url, store);
      if (!parsed.ok) return c.json(filterErrorBody(parsed.errors), 400);
      const groupBy = parseGroupBy(c.req.query('groupBy'));
      if (!groupBy.ok)
        return c.json(
          errorBody({ zh: '查询参数无效', en: 'Invalid query parameters' }, [groupBy.detail]),
          400,
        );
      return c.json(statisticsFor(store, parsed.filter, groupBy.groupBy));
    })
    .get('/export', async (c) => {
      const parsed = filterFromUrl(c.req.url, store);
      if (!parsed.ok) return c.json(filterErrorBody(parsed.errors), 400);
      const groupBy = parseGroupBy(c.req.query('groupBy'));
      if (!groupBy.ok)
        return c.json(
          errorBody({ zh: '查询参数无效', en: 'Invalid query parameters' }, [groupBy.detail]),
          400,
        );
      const format = c.req.query('format') ?? 'csv';
      if (!(STATISTICS_FORMATS as readonly string[]).includes(format)) {
        return c.json(
          errorBody({ zh: '导出格式无效', en: 'Invalid export format' }, [
            { field: 'format', value: format, zh: '可选值：csv、xlsx', en: 'allowed: csv, xlsx' },
          ]),
          400,
        );
      }
      const table = statisticsFor(store, parsed.filter, groupBy.groupBy);
      const rows = statisticsRows(
        table,
        (key) => groupName(store, groupBy.groupBy, key),
        formatParcelFilter(parsed.filter).toString() || '全部 all',
      );
      const fileName = exportFileName('征拆统计_statistics', parsed.filter, format);
      if (format === 'csv') return c.body(toCsv(rows), 200, downloadHeaders(fileName, CONTENT_TYPES.csv));
      const bytes = await toXlsx([{ name: '统计 statistics', rows, boldRows: [0, table.rows.length + 1] }]);
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, downloadHeaders(fileName, CONTENT_TYPES.xlsx));
    });
}
