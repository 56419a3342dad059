// Starts GOV.UK Frontend components, on page load and in markup htmx swaps in later.
// Loaded as a module from 'self', so it runs under the Content Security Policy without a nonce.
import * as GOVUKFrontend from "../govuk/govuk-frontend.min.js";

const componentClasses = Object.values(GOVUKFrontend).filter(
  (value) => typeof value === "function" && typeof value.moduleName === "string",
);

function startComponent(element) {
  const Component = componentClasses.find((candidate) => candidate.moduleName === element.dataset.module);
  if (!Component) {
    return;
  }
  try {
    new Component(element);
  } catch (error) {
    console.error(error);
  }
}

GOVUKFrontend.initAll();

// htmx fires htmx:load for the body once it starts (already handled above) and for every element it swaps in.
document.addEventListener("htmx:load", (event) => {
  const element = event.detail && event.detail.elt;
  if (!(element instanceof Element) || element === document.body) {
    return;
  }
  if (element.hasAttribute("data-module")) {
    startComponent(element);
  }
  GOVUKFrontend.initAll({ scope: element });
});
