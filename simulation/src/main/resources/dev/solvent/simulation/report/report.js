// Draws the charts of a Solvent report from the JSON embedded in the page. No network, no console output:
// the browser tests fail on any console message, so a problem here cannot go unnoticed.
(() => {
  'use strict';

  const data = JSON.parse(document.getElementById('report-data').textContent);
  const charts = [];
  const GROUP = 'solvent-time';
  const MUTED = '#5b6475';
  const COLORS = {
    market: '#1f4e79',
    oracle: '#e07b00',
    fund: '#138d75',
    liquidations: '#c0392b',
    volume: '#7f8c8d',
    badDebt: '#b00020',
    socialized: '#8e44ad',
    shortfall: '#e67e22',
    keepers: '#2e7d32',
    baseFee: '#607d8b',
  };

  // the CSS font stack again: ECharts measures text for its layout, and 'inherit' would measure the wrong font
  const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
  const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 4 });
  const twoDecimals = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
  const fourDigits = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });
  const number = (v) => (v === null || v === undefined ? '–'
    : Math.abs(v) >= 1 || v === 0 ? twoDecimals.format(v) : fourDigits.format(v));
  const axisNumber = (v) => (Math.abs(v) >= 10000 ? compact.format(v) : number(v));
  const pad = (n) => String(n).padStart(2, '0');
  const utc = (ms) => {
    const d = new Date(ms);
    return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate()) + ' '
      + pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) + ':' + pad(d.getUTCSeconds()) + ' UTC';
  };
  const escape = (s) => String(s).replace(/[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const noData = (text) => [{
    type: 'text', left: 'center', top: 'middle', silent: true,
    style: { text: text, fill: MUTED, fontSize: 14 },
  }];

  function draw(id, option) {
    const element = document.getElementById('chart-' + id);
    if (!element) {
      return null;
    }
    const chart = echarts.init(element, null, { renderer: 'svg' });
    chart.setOption(Object.assign({ animation: false, useUTC: true, textStyle: { fontFamily: FONT } }, option));
    charts.push(chart);
    return chart;
  }

  function runCharts(run) {
    const samples = run.time.length;
    // each point carries its block number, so the tooltip names the block whatever the zoom
    const points = (values) => run.time.map((t, i) => [t, values[i], run.blocks[i]]);
    const tooltip = {
      trigger: 'axis',
      confine: true,
      formatter: (params) => {
        const list = Array.isArray(params) ? params : [params];
        if (list.length === 0) {
          return '';
        }
        let html = '<b>block ' + list[0].value[2] + '</b><br>' + utc(list[0].value[0]);
        for (const p of list) {
          html += '<br>' + p.marker + escape(p.seriesName) + ': <b>' + number(p.value[1]) + '</b>';
        }
        return html;
      },
    };
    const valueAxis = (name, extra) => Object.assign({
      type: 'value',
      name: name,
      nameTextStyle: { color: MUTED, align: extra && extra.position === 'right' ? 'right' : 'left' },
      axisLabel: { formatter: axisNumber, color: MUTED },
      splitLine: { lineStyle: { color: '#eceff3' } },
    }, extra || {});
    const base = (option) => Object.assign({
      grid: { left: 16, right: 24, top: 58, bottom: samples > 1 ? 56 : 24, containLabel: true },
      legend: { top: 0, left: 0, itemWidth: 18, itemGap: 16, textStyle: { color: MUTED } },
      tooltip: tooltip,
      xAxis: {
        type: 'time',
        axisLabel: {
          color: MUTED,
          hideOverlap: true,
          formatter: { year: '{yyyy}', month: '{MMM} {yyyy}', day: '{MMM} {d}', hour: '{HH}:{mm}', minute: '{HH}:{mm}' },
        },
        axisLine: { lineStyle: { color: '#c9ced8' } },
      },
      dataZoom: samples > 1
        ? [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 8, showDetail: false }]
        : [],
      graphic: samples === 0 ? noData('No samples recorded') : [],
    }, option);
    const line = (name, values, color, extra) => Object.assign({
      name: name,
      type: 'line',
      data: points(values),
      color: color,
      showSymbol: samples === 1,
      symbolSize: 6,
      lineStyle: { width: 1.6 },
    }, extra || {});
    const bars = (name, values, color, extra) => Object.assign({
      name: name,
      type: 'bar',
      data: points(values),
      color: color,
      barMaxWidth: 12,
    }, extra || {});

    run.markets.forEach((market, i) => {
      draw('price-' + i, base({
        yAxis: valueAxis('price', { scale: true }),
        series: [
          line('market price', market.market, COLORS.market),
          // an oracle answer holds until the next round: a step, not a slope
          line('oracle price', market.oracle, COLORS.oracle, { step: 'end' }),
        ],
      }));
    });

    draw('insurance-fund', base({
      yAxis: valueAxis(run.unit),
      series: [line('insurance fund', run.insuranceFund, COLORS.fund, { areaStyle: { opacity: 0.15 } })],
    }));

    draw('liquidations', base({
      yAxis: [
        valueAxis('count', { minInterval: 1 }),
        valueAxis(run.unit, { position: 'right', splitLine: { show: false } }),
      ],
      series: [
        bars('liquidations', run.liquidations, COLORS.liquidations),
        // under the bars: the count is what the chart is about
        line('volume', run.liquidationVolume, COLORS.volume, { yAxisIndex: 1, z: 1, lineStyle: { width: 1.2, opacity: 0.8 } }),
      ],
    }));

    const bands = run.healthBuckets.length;
    draw('health', base({
      yAxis: valueAxis('accounts', { minInterval: 1 }),
      series: run.healthBuckets.map((bucket, b) => {
        // lowest health in red at the bottom of the stack, through amber, to green on top
        const hue = bands > 1 ? Math.round(130 * b / (bands - 1)) : 130;
        const color = 'hsl(' + hue + ', 62%, ' + (b === 0 ? 45 : 52) + '%)';
        return line(bucket, run.healthByBucket[b], color, {
          stack: 'health',
          areaStyle: { opacity: 0.85 },
          lineStyle: { width: 0 },
        });
      }),
    }));

    draw('losses', base({
      yAxis: valueAxis(run.unit),
      series: [
        bars('shortfall per sample', run.shortfall, COLORS.shortfall),
        line('bad debt (cumulative)', run.badDebt, COLORS.badDebt, { lineStyle: { width: 2.2 } }),
        line('socialized loss (cumulative)', run.socializedLoss, COLORS.socialized),
      ],
    }));

    draw('keepers', base({
      yAxis: [
        valueAxis(run.unit),
        valueAxis('gwei', { position: 'right', splitLine: { show: false } }),
      ],
      series: [
        line('keeper profit (cumulative)', run.keeperProfit, COLORS.keepers),
        line('base fee', run.baseFeeGwei, COLORS.baseFee, { yAxisIndex: 1, lineStyle: { width: 1, type: 'dashed' } }),
      ],
    }));

    charts.forEach((chart) => { chart.group = GROUP; });
    echarts.connect(GROUP);
  }

  function sweepCharts(sweep) {
    const heatmap = sweep.heatmap;
    if (!heatmap) {
      return;
    }
    const present = heatmap.cells.filter((c) => c[2] !== null);
    const missing = heatmap.cells.filter((c) => c[2] === null).map((c) => [c[0], c[1], 0]);
    let min = 0;
    let max = 1;
    if (present.length > 0) {
      min = present.reduce((m, c) => Math.min(m, c[2]), Infinity);
      max = present.reduce((m, c) => Math.max(m, c[2]), -Infinity);
      if (max === min) {
        // one value everywhere: show it at the low (green) end rather than an empty scale
        max = min + (Math.abs(min) || 1);
      }
    }
    const element = document.getElementById('chart-heatmap');
    if (element) {
      element.style.height = Math.max(340, 34 * heatmap.yValues.length + 150) + 'px';
    }
    const labels = heatmap.xValues.length * heatmap.yValues.length <= 225;
    const category = (name, values, extra) => Object.assign({
      type: 'category',
      name: name,
      data: values,
      nameTextStyle: { color: MUTED, fontWeight: 'bold' },
      axisLabel: { color: MUTED },
      splitArea: { show: false },
    }, extra);
    draw('heatmap', {
      tooltip: {
        confine: true,
        formatter: (p) => escape(heatmap.xParameter) + ' = ' + escape(heatmap.xValues[p.value[0]]) + '<br>'
          + escape(heatmap.yParameter) + ' = ' + escape(heatmap.yValues[p.value[1]]) + '<br>'
          + escape(heatmap.metric) + ': <b>' + (p.seriesIndex === 1 ? 'no value' : number(p.value[2])) + '</b>',
      },
      grid: { left: 16, right: 90, top: 24, bottom: 64, containLabel: true },
      xAxis: category(heatmap.xParameter, heatmap.xValues, { nameLocation: 'middle', nameGap: 30 }),
      yAxis: category(heatmap.yParameter, heatmap.yValues, { nameLocation: 'end' }),
      visualMap: {
        type: 'continuous',
        seriesIndex: 0,
        min: min,
        max: max,
        calculable: true,
        orient: 'vertical',
        right: 0,
        top: 'middle',
        itemHeight: 160,
        text: ['high', 'low'],
        textStyle: { color: MUTED },
        formatter: axisNumber,
        inRange: { color: ['#1a9850', '#a6d96a', '#fee08b', '#fdae61', '#d73027'] },
      },
      series: [
        {
          name: heatmap.metric,
          type: 'heatmap',
          data: present,
          label: { show: labels, formatter: (p) => axisNumber(p.value[2]), fontSize: 11, color: '#1d2330' },
          itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
        },
        {
          name: 'no value',
          type: 'heatmap',
          data: missing,
          itemStyle: { color: '#d5d9e0', borderColor: '#ffffff', borderWidth: 1 },
          label: { show: labels, formatter: 'n/a', fontSize: 11, color: MUTED },
        },
      ],
    });
  }

  function sortableTables() {
    const numeric = (text) => {
      const value = parseFloat(text.replace(/,/g, ''));
      return Number.isNaN(value) ? null : value;
    };
    document.querySelectorAll('table.sortable').forEach((table) => {
      const headings = Array.from(table.tHead.rows[0].cells);
      headings.forEach((heading, column) => {
        heading.tabIndex = 0;
        const sort = () => {
          const ascending = heading.getAttribute('aria-sort') !== 'ascending';
          headings.forEach((h) => h.removeAttribute('aria-sort'));
          heading.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
          const body = table.tBodies[0];
          const key = (row) => row.cells[column].textContent.trim();
          const rows = Array.from(body.rows);
          rows.sort((a, b) => {
            const x = key(a);
            const y = key(b);
            const nx = numeric(x);
            const ny = numeric(y);
            let order;
            if (nx !== null && ny !== null) {
              order = nx - ny;
            } else if (nx !== null || ny !== null) {
              order = nx !== null ? -1 : 1; // numbers before text whichever the direction
              return order;
            } else {
              order = x.localeCompare(y);
            }
            return ascending ? order : -order;
          });
          rows.forEach((row) => body.appendChild(row));
        };
        heading.addEventListener('click', sort);
        heading.addEventListener('keydown', (event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            sort();
          }
        });
      });
    });
  }

  if (data.kind === 'run') {
    runCharts(data);
  } else if (data.kind === 'sweep') {
    sweepCharts(data);
  }
  sortableTables();
  window.addEventListener('resize', () => charts.forEach((chart) => chart.resize()));
})();
