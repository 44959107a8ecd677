/**
 * ECharts, tree-shaken: only the line and bar charts, the components the report uses and the canvas renderer are
 * bundled (no CDN: the product runs offline). Imported by the chart component alone, so the report's table shows
 * before the chart code has loaded.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([LineChart, BarChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export { init };
