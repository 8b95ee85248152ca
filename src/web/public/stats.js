// Statistics page for 上街信息: plain browser script with Chart.js (served from this origin). Server text is only ever set as textContent.
"use strict";

(function main() {
  const { element, goToLogin } = window.bulletinPage;
  const form = document.getElementById("range-form");
  const yearSelect = document.getElementById("year");
  const fromInput = document.getElementById("from");
  const toInput = document.getElementById("to");
  const csvLink = document.getElementById("csv-link");
  const totals = document.getElementById("totals");
  const rules = document.getElementById("rules");
  const rankingBody = document.querySelector("#ranking tbody");
  const unitChartBox = document.getElementById("unit-chart-box");
  const unitCanvas = document.getElementById("unit-chart");
  const trendCanvas = document.getElementById("trend-chart");
  const silent = document.getElementById("silent");
  const summary = document.getElementById("unit-summary");
  const unitTitle = document.getElementById("unit-title");
  const unitFigures = document.getElementById("unit-figures");
  const unitItems = document.getElementById("unit-items");
  const unitDownload = document.getElementById("unit-download");

  const REPORT_COLOR = "#b3261e";
  const BRIEF_COLOR = "#f2b8b5";
  let unitChart = null;
  let trendChart = null;
  let range = { from: "", to: "" };
  let yearsLoaded = false;

  function query(entries) {
    const parameters = new URLSearchParams();
    for (const [key, value] of Object.entries(entries)) if (value) parameters.set(key, value);
    const text = parameters.toString();
    return text ? `?${text}` : "";
  }

  async function getJson(url) {
    const response = await fetch(url, { headers: { accept: "application/json" } });
    if (response.status === 401) throw goToLogin();
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new Error(body && body.error ? body.error : `服务器出错（HTTP ${response.status}）`);
    return body;
  }

  function issueNames(list) {
    const names = list.map((issue) => issue.name);
    return names.length <= 3 ? names.join("、") : `${names.slice(0, 3).join("、")} 等 ${names.length} 期`;
  }

  function renderRanking(ranking) {
    rankingBody.replaceChildren();
    for (const entry of ranking) {
      const link = element("button", { className: "unit-link", text: entry.department, attributes: { type: "button", title: issueNames(entry.issueList) } });
      link.addEventListener("click", () => showUnit(entry.department));
      const cells = [`${entry.rank}${entry.tied ? "（并列）" : ""}`, link, String(entry.items), String(entry.reports), String(entry.briefs), String(entry.issues)];
      rankingBody.append(element("tr", { children: cells.map((cell) => element("td", { children: [cell] })) }));
    }
  }

  function renderUnitChart(ranking) {
    const labels = ranking.map((entry) => entry.department);
    unitChartBox.style.height = `${Math.max(160, labels.length * 26 + 60)}px`;
    if (unitChart) unitChart.destroy();
    unitChart = new Chart(unitCanvas, {
      type: "bar",
      data: {
        labels,
        datasets: [
          { label: "报送", data: ranking.map((entry) => entry.reports), backgroundColor: REPORT_COLOR, stack: "items" },
          { label: "△短讯", data: ranking.map((entry) => entry.briefs), backgroundColor: BRIEF_COLOR, stack: "items" },
        ],
      },
      options: {
        indexAxis: "y",
        animation: false,
        maintainAspectRatio: false,
        scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } },
        plugins: { tooltip: { callbacks: { footer: (items) => (items[0] ? `共 ${ranking[items[0].dataIndex].items} 条` : "") } } },
        onClick: (_event, elements) => {
          if (elements.length > 0) showUnit(labels[elements[0].index]);
        },
        onHover: (event, elements) => {
          event.native.target.style.cursor = elements.length > 0 ? "pointer" : "default";
        },
      },
    });
  }

  function renderTrend(points) {
    if (trendChart) trendChart.destroy();
    trendChart = new Chart(trendCanvas, {
      type: "line",
      data: { labels: points.map((point) => point.label), datasets: [{ label: "条数", data: points.map((point) => point.items), borderColor: REPORT_COLOR, backgroundColor: REPORT_COLOR, tension: 0 }] },
      options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }, plugins: { legend: { display: false } } },
    });
  }

  function fillYears(years) {
    if (yearsLoaded) return;
    yearsLoaded = true;
    for (const year of [...years].reverse()) yearSelect.append(element("option", { text: `${year}年`, attributes: { value: String(year) } }));
  }

  async function loadReport() {
    totals.textContent = "统计中…";
    try {
      const report = await getJson(`api/stats${query(range)}`);
      fillYears(report.coverage.years);
      const { items, reports, briefs, issues, units } = report.totals;
      totals.textContent = `${report.range.label}：共 ${issues} 期 ${items} 条信息（报送 ${reports} 条、△短讯 ${briefs} 条），${units} 个单位有信息被采用。`;
      rules.textContent = `说明：${report.rules.joint}；${report.rules.ties}。`;
      csvLink.href = `api/stats.csv${query(range)}`;
      renderRanking(report.ranking);
      renderUnitChart(report.ranking);
      renderTrend(report.trend.points);
      silent.textContent = report.silent.length > 0 ? report.silent.map((entry) => `${entry.department}（最近一次 ${entry.lastSeen || "日期不详"}）`).join("、") : "（无）";
      return report;
    } catch (error) {
      totals.textContent = `统计失败：${error instanceof Error ? error.message : String(error)}`;
      return null;
    }
  }

  async function showUnit(department) {
    try {
      const unit = await getJson(`api/stats/department${query({ department, ...range })}`);
      unitTitle.textContent = `${unit.department} · ${unit.range.label}`;
      const { items, reports, briefs, issues, joint } = unit.totals;
      unitFigures.textContent = `被采用 ${items} 条（报送 ${reports} 条、△短讯 ${briefs} 条），出现在 ${issues} 期${joint > 0 ? `；其中联合报送 ${joint} 条（联合报送的信息给每个署名单位各记一条）` : ""}。`;
      unitDownload.href = unit.download;
      unitItems.replaceChildren(
        ...unit.items.map((item) => {
          const issue = item.issue === null ? item.date : `${item.year}年第${item.issue}期`;
          const link = element("a", { text: item.title, attributes: { href: item.url, target: "_blank", rel: "noopener" } });
          return element("li", { children: [element("span", { className: "meta", text: `${issue}（${item.date || "日期不详"}）${item.kind === "brief" ? " △" : ""}` }), link] });
        }),
      );
      summary.hidden = false;
      history.replaceState(null, "", `stats.html${query({ department: unit.department, ...range })}`);
      summary.scrollIntoView({ block: "start" });
    } catch (error) {
      summary.hidden = false;
      unitTitle.textContent = department;
      unitFigures.textContent = error instanceof Error ? error.message : String(error);
      unitItems.replaceChildren();
    }
  }

  function setRange(from, to) {
    range = { from: from || "", to: to || "" };
    fromInput.value = range.from;
    toInput.value = range.to;
    const year = /^(\d{4})-01-01$/.exec(range.from);
    yearSelect.value = year && range.to === `${year[1]}-12-31` ? year[1] : "";
  }

  yearSelect.addEventListener("change", () => {
    const year = yearSelect.value;
    setRange(year ? `${year}-01-01` : "", year ? `${year}-12-31` : "");
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    setRange(fromInput.value, toInput.value);
    summary.hidden = true;
    history.replaceState(null, "", `stats.html${query(range)}`);
    await loadReport();
  });

  (async function start() {
    const wanted = new URLSearchParams(window.location.search);
    setRange(wanted.get("from"), wanted.get("to"));
    const report = await loadReport();
    // Without a period in the address, show the latest year that has issues.
    const latest = report && report.coverage.years.at(-1);
    if (!wanted.get("from") && !wanted.get("to") && latest) {
      setRange(`${latest}-01-01`, `${latest}-12-31`);
      yearSelect.value = String(latest);
      await loadReport();
    }
    if (wanted.get("department")) await showUnit(wanted.get("department"));
    document.body.dataset.ready = "true";
  })();
})();
