import type { EChartsType } from 'echarts/core';
import { useEffect, useRef } from 'react';
import { useReportTools } from '../report-context.ts';
import {
  chartFileName,
  chartTitleKey,
  type ReportChartKind,
  type ReportChartOption,
} from './chart-options.ts';
import { init } from './echarts-setup.ts';

/** Pixel ratio of the exported PNG: sharp enough to paste into a slide or print on A4. */
const PNG_PIXEL_RATIO = 2;

/**
 * One chart on a canvas, with its PNG export. Each drawn chart also hands its image to `onImage`: the printed
 * sheets show that image, sized to the page, rather than a canvas laid out for the screen.
 */
export function ReportChart({
  kind,
  option,
  date,
  onImage,
}: {
  kind: ReportChartKind;
  option: ReportChartOption;
  date: string;
  onImage(kind: ReportChartKind, dataUrl: string): void;
}) {
  const tools = useReportTools();
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  const onImageRef = useRef(onImage);
  useEffect(() => {
    onImageRef.current = onImage;
  });

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = init(container, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(container);
    return () => {
      resize.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    chart.setOption(option, { notMerge: true });
    // Animation is off: the option is drawn synchronously and the image is the finished chart.
    onImageRef.current(
      kind,
      chart.getDataURL({ type: 'png', pixelRatio: PNG_PIXEL_RATIO, backgroundColor: '#fff' }),
    );
  }, [option, kind]);

  const exportPng = () => {
    const chart = chartRef.current;
    if (!chart) return;
    const link = document.createElement('a');
    link.href = chart.getDataURL({ type: 'png', pixelRatio: PNG_PIXEL_RATIO, backgroundColor: '#fff' });
    link.download = chartFileName(kind, date, tools);
    document.body.append(link);
    link.click();
    link.remove();
  };

  return (
    <figure className="report-chart" data-testid={`report-chart-${kind}`}>
      <div
        className="report-chart__canvas"
        ref={containerRef}
        role="img"
        aria-label={tools.t(chartTitleKey(kind))}
      />
      <figcaption className="report-chart__tools">
        <button
          type="button"
          className="report-button"
          onClick={exportPng}
          data-testid={`report-chart-png-${kind}`}
        >
          {tools.t('chartPng')}
        </button>
      </figcaption>
    </figure>
  );
}
