// Injected into a copy of a report page: measures every chart as Chromium lays it out and
// replaces the page with one line per SVG (read back with --dump-dom):
// svg N texts=T overlaps=O outside=X axis_titles=A categories=C styles=S distinct=D shapes=P
// title="FIGCAPTION" [first="A"/"B", the first two labels that overlap]
document.addEventListener("DOMContentLoaded", () => {
    const lines = [];
    document.querySelectorAll("svg.chart").forEach((svg, n) => {
        const frame = svg.getBoundingClientRect();
        const boxes = [...svg.querySelectorAll("text")].map((t) => {
            const r = t.getBoundingClientRect();
            return { cls: t.getAttribute("class") || "", text: t.textContent, l: r.left, r: r.right, t: r.top, b: r.bottom };
        });
        let overlaps = 0, outside = 0, first = "";
        for (let i = 0; i < boxes.length; ++i) {
            const a = boxes[i];
            if (a.l < frame.left - 0.5 || a.r > frame.right + 0.5 || a.t < frame.top - 0.5 || a.b > frame.bottom + 0.5) ++outside;
            for (let j = i + 1; j < boxes.length; ++j) {
                const b = boxes[j];
                if (a.l < b.r - 0.5 && b.l < a.r - 0.5 && a.t < b.b - 0.5 && b.t < a.b - 0.5) {
                    if (!overlaps) first = ` first="${a.text}"/"${b.text}"`;
                    ++overlaps;
                }
            }
        }
        // A line series' look: its stroke and dash, and the shape and fill of its markers.
        const styles = [...svg.querySelectorAll("polyline.line")].map((line) => {
            const id = line.getAttribute("data-series");
            const point = svg.querySelector(`.point[data-series="${id}"]`);
            return [line.getAttribute("stroke"), line.getAttribute("stroke-dasharray") || "solid",
                point ? point.getAttribute("class") : "none"].join(" ");
        });
        // Told apart without colour too: by dash and marker.
        const shapes = new Set(styles.map((style) => style.split(" ").slice(1).join(" ")));
        const caption = svg.closest("figure").querySelector("figcaption").firstChild.textContent;
        const titles = boxes.filter((b) => b.cls === "axis-title").length;
        const categories = boxes.filter((b) => b.cls === "category").length;
        lines.push(`svg ${n} texts=${boxes.length} overlaps=${overlaps} outside=${outside} ` +
            `axis_titles=${titles} categories=${categories} styles=${styles.length} ` +
            `distinct=${new Set(styles).size} shapes=${shapes.size} title="${caption}"${first}`);
    });
    document.body.innerHTML = `<pre id="geometry">${lines.join("\n")}</pre>`;
});
