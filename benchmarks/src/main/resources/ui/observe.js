// Watches a page for some seconds while events arrive: the time between animation frames, the long tasks (over 50 ms,
// when the page could not answer a person), and how many events the page took in (the global named by the second
// argument). Run by WebDriver as an asynchronous script.
const [seconds, counter, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const frames = [];
const longTasks = [];
const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => longTasks.push(entry.duration)));
observer.observe({ type: 'longtask' });
const eventsBefore = window[counter] || 0;
const end = performance.now() + seconds * 1000;
let last = performance.now();
const tick = (now) => {
  frames.push(now - last);
  last = now;
  if (now < end) {
    requestAnimationFrame(tick);
    return;
  }
  observer.disconnect();
  done({ frames, longTasks, events: (window[counter] || 0) - eventsBefore });
};
requestAnimationFrame(tick);
