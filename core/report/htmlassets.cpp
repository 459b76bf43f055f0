// The HTML report's style sheet and script, inlined into every report: nothing is fetched.

#include "report/htmlutil.h"

namespace stampede::report::html {

QString styleSheet()
{
    return QStringLiteral(R"CSS(
:root{--fg:#111827;--muted:#6b7280;--line:#e5e7eb;--bg:#ffffff;--soft:#f9fafb;--ok:#15803d;--bad:#b91c1c}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif}
main{max-width:1120px;margin:0 auto;padding:28px 32px 48px}
h1{font-size:26px;margin:2px 0 14px}h2{font-size:19px;margin:30px 0 12px;padding-bottom:6px;border-bottom:2px solid var(--line)}
h3{font-size:15px;margin:20px 0 8px}
.kicker{margin:0;color:var(--muted);text-transform:uppercase;letter-spacing:.08em;font-size:12px}
.muted{color:var(--muted)}
.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px 18px;margin:0}
.facts div{border-left:3px solid var(--line);padding-left:10px}.facts div.wide{grid-column:span 2}.facts dt{color:var(--muted);font-size:12px}.facts dd{margin:0;font-weight:600;overflow-wrap:anywhere}.facts dd .nw{white-space:nowrap}
.verdict{margin:22px 0;padding:16px 18px;border-radius:10px;border:1px solid var(--line)}
.verdict .badge{display:inline-block;font-weight:800;font-size:20px;letter-spacing:.06em;padding:4px 14px;border-radius:6px;color:#fff}
.verdict.pass{background:#f0fdf4;border-color:#bbf7d0}.verdict.pass .badge{background:var(--ok)}
.verdict.fail{background:#fef2f2;border-color:#fecaca}.verdict.fail .badge{background:var(--bad)}
.verdict.none .badge{background:var(--muted)}
.verdict.progress{background:#eff6ff;border-color:#bfdbfe}.verdict.progress .badge{background:#1d4ed8}
.verdict-text{display:inline-block;margin:0 0 0 12px;font-size:15px}
table{border-collapse:collapse;width:100%;margin:6px 0 4px;font-variant-numeric:tabular-nums}
th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{background:var(--soft);font-size:12px;color:#374151;border-bottom:1px solid #d1d5db}
td.n,th.n{text-align:right;white-space:nowrap}
th[title]{cursor:help;text-decoration:underline dotted #9ca3af;text-underline-offset:3px}
tr.total td{font-weight:700;border-top:2px solid #d1d5db}
table.thresholds{margin-top:12px;background:#fff}
tr.bad td{color:var(--bad);font-weight:600}tr.ok td:last-child{color:var(--ok);font-weight:600}tr.nodata td{color:var(--muted)}
table.compact{width:auto;min-width:50%}
.table-wrap{overflow-x:auto}table.results td:first-child{white-space:nowrap}table.wraphead th.n{white-space:normal}
table.pairs th{width:160px;color:var(--muted);font-weight:500}
table.failures td:nth-child(2){word-break:break-word}
.two{display:grid;grid-template-columns:1fr 1fr;gap:24px}
.note{color:var(--muted);font-size:12px;margin:4px 0 10px}
.workload-hists{display:flex;flex-wrap:wrap;gap:24px}.workload-hist{flex:1 1 380px}
table.histogram td.bar-cell{width:45%}.hbar{display:inline-block;height:10px;background:#4f7cff;border-radius:2px}
.warning{color:#92400e;background:#fffbeb;border:1px solid #fde68a;padding:8px 10px;border-radius:6px}
ul.warnings li{color:#92400e}
figure.chart{margin:14px 0 20px;padding:10px 12px 6px;border:1px solid var(--line);border-radius:8px;background:#fff;break-inside:avoid}
figure.chart figcaption{font-weight:600;margin-bottom:4px}
.legend{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12px;color:#374151;margin-bottom:2px}
.legend i{display:inline-block;width:14px;height:3px;margin-right:5px;vertical-align:middle;border-radius:2px}
.plot{position:relative}
svg.chart-svg{width:100%;height:auto;display:block;font-size:12px;font-family:inherit}
.grid line{stroke:#eef0f3;stroke-width:1}.grid line.axis{stroke:#9ca3af}.grid line.xt{stroke:#9ca3af}
.grid text{fill:#6b7280}.grid text.yl{text-anchor:end}.grid text.xl{text-anchor:middle}.grid text.unit{text-anchor:start;font-weight:600}
path.series{fill:none;stroke-width:1.8;stroke-linejoin:round;stroke-linecap:round}path.series.dashed{stroke-dasharray:5 4;stroke-width:1.4}
line.cursor{stroke:#9ca3af;stroke-width:1;display:none}
.tip{position:absolute;display:none;pointer-events:none;background:rgba(17,24,39,.92);color:#fff;font-size:12px;padding:6px 8px;border-radius:6px;white-space:nowrap;z-index:2}
.tip i{display:inline-block;width:8px;height:8px;border-radius:50%;margin-right:5px}
.empty{color:var(--muted);font-style:italic;padding:18px 4px}
.small-multiples{display:grid;grid-template-columns:1fr 1fr;gap:0 16px}
details{margin:10px 0}summary{cursor:pointer;font-weight:600}
pre{background:var(--soft);border:1px solid var(--line);padding:10px;border-radius:6px;overflow:auto;font-size:12px;white-space:pre-wrap}
code{font-size:12.5px}
dl.defs dt{font-weight:600;margin-top:8px}dl.defs dd{margin:2px 0 0 0;color:#374151}
footer{margin-top:36px;color:var(--muted);font-size:12px;border-top:1px solid var(--line);padding-top:10px}
@media (max-width:760px){.two,.small-multiples{grid-template-columns:1fr}main{padding:16px}}
@media print{
  @page{size:A4;margin:14mm}
  body{font-size:11px;background:#fff}main{max-width:none;padding:0}h1{font-size:20px}
  .table-wrap{overflow:visible}table.results,table.results thead th{font-size:9px}th,td{padding:3px 4px}thead th.n{white-space:normal}
  .page-break{break-before:page}
  figure.chart,table,.verdict{break-inside:avoid}
  h2,h3{break-after:avoid}
  .tip,line.cursor{display:none!important}
  details{display:block}details>summary{list-style:none}
  .verdict.pass,.verdict.fail,.verdict.progress{background:#fff}
  thead th{background:#fff}
  pre{white-space:pre-wrap;background:#fff}
}
)CSS");
}

QString pageScript()
{
    // Marks each chart with how many of its marks have a size (the tests read it), then shows the
    // values under the mouse. Reads only the page itself.
    return QStringLiteral(R"JS(
(function(){
  var fmtT=function(s){s=Math.max(0,Math.floor(s+1e-9));var h=Math.floor(s/3600),m=Math.floor(s/60)%60,r=s%60;
    return (h?h+':'+(m<10?'0':''):'')+m+':'+(r<10?'0':'')+r;};
  var fmtV=function(v){var a=Math.abs(v);return a>=100?v.toFixed(0):a>=10?v.toFixed(1):v.toFixed(2);};
  var rendered=0;
  document.querySelectorAll('figure.chart').forEach(function(fig){
    var svg=fig.querySelector('svg');if(!svg)return;
    var n=0;svg.querySelectorAll('.series,.bar').forEach(function(e){var b=e.getBBox();if(b.width>0||b.height>0)n++;});
    fig.setAttribute('data-rendered',n);if(n>0)rendered++;
    if(!svg.querySelector('path.series'))return;
    var d=svg.dataset,px0=+d.px0,px1=+d.px1,py0=+d.py0,py1=+d.py1,x0=+d.x0,x1=+d.x1,y0=+d.y0,y1=+d.y1;
    var tip=fig.querySelector('.tip'),cur=svg.querySelector('line.cursor'),series=[];
    svg.querySelectorAll('path.series').forEach(function(p){var v=(p.getAttribute('d').match(/-?[0-9.]+/g)||[]).map(Number),pts=[];
      for(var i=0;i+1<v.length;i+=2)pts.push([v[i],v[i+1]]);series.push({n:p.dataset.name,c:p.getAttribute('stroke'),p:pts});});
    var hide=function(){tip.style.display='none';cur.style.display='none';};
    svg.addEventListener('mouseleave',hide);
    svg.addEventListener('mousemove',function(ev){
      var pt=svg.createSVGPoint();pt.x=ev.clientX;pt.y=ev.clientY;var q=pt.matrixTransform(svg.getScreenCTM().inverse());
      if(q.x<px0||q.x>px1){hide();return;}
      var xv=x0+(q.x-px0)/(px1-px0)*(x1-x0),html='<b>'+(d.xunit==='s'?fmtT(xv):fmtV(xv)+' '+d.xunit)+'</b>';
      series.forEach(function(s){var best=null,bd=1e9;s.p.forEach(function(p){var dd=Math.abs(p[0]-q.x);if(dd<bd){bd=dd;best=p;}});
        if(best&&bd<12){var v=y0+(py0-best[1])/(py0-py1)*(y1-y0);html+='<br><i style="background:'+s.c+'"></i>'+s.n+': '+fmtV(v)+' '+d.yunit;}});
      cur.setAttribute('x1',q.x);cur.setAttribute('x2',q.x);cur.style.display='block';
      tip.innerHTML=html;tip.style.display='block';
      var r=fig.querySelector('.plot').getBoundingClientRect(),left=ev.clientX-r.left+14;
      if(left+tip.offsetWidth>r.width)left=ev.clientX-r.left-14-tip.offsetWidth;
      tip.style.left=left+'px';tip.style.top=Math.max(0,ev.clientY-r.top-10)+'px';});
  });
  document.body.setAttribute('data-charts-rendered',rendered);
  var count=function(){document.body.setAttribute('data-resources',performance.getEntriesByType('resource').length);};
  count();window.addEventListener('load',count);
})();
)JS");
}

} // namespace stampede::report::html
