// Types into the web console's search box as a person does while events arrive, ten times: how long the page takes
// to filter 10,000 things to those matching, and back to all of them (each input is handled synchronously).
const done = arguments[arguments.length - 1];
const search = document.getElementById('search');
const timings = [];
let round = 0;
const type = () => {
  const start = performance.now();
  search.value = 'Counter 1';
  search.dispatchEvent(new Event('input'));
  const narrowed = performance.now();
  search.value = '';
  search.dispatchEvent(new Event('input'));
  timings.push(narrowed - start, performance.now() - narrowed);
  if (++round < 10) {
    setTimeout(type, 1000);
  } else {
    done(timings);
  }
};
setTimeout(type, 1000);
