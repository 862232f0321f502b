/**
 * One ECharts chart (tree-shaken: only the chart kinds and components used here), with PNG and
 * SVG downloads. `data-points` on the container says how many points each series has, so a
 * test (or a person with devtools) can check downsampling without reading the canvas.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([LineChart, BarChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, MarkLineComponent, TitleComponent, CanvasRenderer, SVGRenderer]);

export interface ChartProps {
  option: EChartsCoreOption;
  /** Points per series, shown as data-points. */
  points: number;
  name: string;
  height?: number;
  testId?: string;
}

export function Chart({ option, points, name, height = 360, testId }: ChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, null, { renderer: 'canvas' });
    chart.current = instance;
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  const download = (kind: 'png' | 'svg') => {
    if (!chart.current) return;
    let url: string;
    if (kind === 'png') url = chart.current.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    else {
      // A second, server-side-rendered instance with the SVG renderer gives a real vector file.
      const svg = echarts.init(null, null, { renderer: 'svg', ssr: true, width: element.current?.clientWidth ?? 800, height });
      svg.setOption({ ...option, animation: false });
      url = URL.createObjectURL(new Blob([svg.renderToSVGString()], { type: 'image/svg+xml' }));
      svg.dispose();
    }
    const a = document.createElement('a');
    a.href = url;
    a.download = `${name}.${kind}`;
    a.click();
  };

  return (
    <figure className="chart">
      <div ref={element} style={{ height }} data-testid={testId} data-points={points} role="img" aria-label={name} />
      <figcaption>
        <button type="button" onClick={() => download('png')}>PNG</button>
        <button type="button" onClick={() => download('svg')}>SVG</button>
      </figcaption>
    </figure>
  );
}
