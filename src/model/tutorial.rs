//! Tutorials: folders whose `index.md` declares `tutorial:`, with steps (`step: N`) on one or
//! more alternative paths. Builds the per-path step order and checks the declarations.

use super::{Page, PageId};
use crate::diag::{closest, Diagnostic, Location};
use rustc_hash::FxHashMap;

/// The id of the single path of a tutorial that declares none.
pub const DEFAULT_PATH: &str = "main";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TutorialId(pub u32);

#[derive(Debug, Clone, PartialEq)]
pub struct Tutorial {
    pub index: PageId,
    /// The tutorial's folder relative to the content folder, with a trailing `/` (or empty).
    pub dir: String,
    pub paths: Vec<TutorialPath>,
    /// Every step in order (by number, then file path).
    pub steps: Vec<Step>,
    /// Where each step's page is in `steps`: pages ask for their step, and a scan per
    /// question would grow with the square of the tutorial.
    step_index: FxHashMap<PageId, usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TutorialPath {
    pub id: String,
    pub title: String,
    /// The steps on this path, in order.
    pub steps: Vec<PageId>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub page: PageId,
    pub number: u32,
    /// Indices into [`Tutorial::paths`] of the paths this step is on.
    pub paths: Vec<usize>,
    /// Their ids, separated by spaces: pages mark the step so for path filtering, in
    /// every sidebar that lists it.
    pub path_ids: String,
    /// The step's place on each path it is on: the path's index and the step's 0-based
    /// position there, in the order the paths are declared.
    places: Vec<(usize, usize)>,
}

/// Where a step stands on one path.
#[derive(Debug, Clone, PartialEq)]
pub struct StepPosition<'a> {
    pub path: &'a TutorialPath,
    /// 1-based position of the step on the path.
    pub position: usize,
    pub total: usize,
    pub prev: Option<PageId>,
    pub next: Option<PageId>,
}

impl Tutorial {
    pub fn step(&self, page: PageId) -> Option<&Step> {
        self.step_index.get(&page).map(|&i| &self.steps[i])
    }

    /// The step's position on every path it is on, in the order the paths are declared.
    pub fn positions(&self, page: PageId) -> Vec<StepPosition<'_>> {
        let Some(step) = self.step(page) else {
            return Vec::new();
        };
        step.places
            .iter()
            .map(|&(path_index, index)| {
                let path = &self.paths[path_index];
                StepPosition {
                    path,
                    position: index + 1,
                    total: path.steps.len(),
                    prev: index.checked_sub(1).map(|i| path.steps[i]),
                    next: path.steps.get(index + 1).copied(),
                }
            })
            .collect()
    }

    pub fn contains(&self, rel_path: &str) -> bool {
        rel_path.starts_with(&self.dir)
    }

    /// Fills the lookups of [`Tutorial::step`] and [`Tutorial::positions`], once the
    /// steps and paths are in order.
    fn index_steps(&mut self) {
        self.step_index = self
            .steps
            .iter()
            .enumerate()
            .map(|(i, step)| (step.page, i))
            .collect();
        for (path_index, path) in self.paths.iter().enumerate() {
            for (place, page) in path.steps.iter().enumerate() {
                if let Some(&i) = self.step_index.get(page) {
                    self.steps[i].places.push((path_index, place));
                }
            }
        }
    }
}

/// Finds every tutorial, assigns steps to paths and reports every inconsistency.
/// Returns the tutorials and, per page, the tutorial whose folder holds it.
pub fn build(pages: &[Page]) -> (Vec<Tutorial>, Vec<Option<TutorialId>>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut tutorials = declared_tutorials(pages, &mut problems);
    let membership: Vec<Option<TutorialId>> = pages
        .iter()
        .map(|page| {
            tutorials
                .iter()
                .enumerate()
                .filter(|(_, t)| t.contains(&page.rel_path))
                .max_by_key(|(_, t)| t.dir.len())
                .map(|(i, _)| TutorialId(i as u32))
        })
        .collect();

    for (page, tutorial) in pages.iter().zip(&membership) {
        let front = &page.source.front;
        let at = |line: u32| Location::line_in_text(&page.source.text, line);
        let Some(step) = &front.step else {
            if let Some(paths) = &front.paths {
                problems.push(
                    Diagnostic::warning("`paths` has no effect on a page without `step`")
                        .in_file(&page.source.display_path)
                        .at(at(paths.line))
                        .with_hint(
                            "add `step: N` to make this page a tutorial step, or remove `paths`",
                        ),
                );
            }
            continue;
        };
        let Some(TutorialId(t)) = *tutorial else {
            problems.push(
                Diagnostic::error("`step` on a page that is not inside a tutorial folder")
                    .in_file(&page.source.display_path)
                    .at(at(step.line))
                    .with_hint("declare `tutorial:` in the front-matter of this folder's index.md, or remove `step`"),
            );
            continue;
        };
        let tutorial = &mut tutorials[t as usize];
        if tutorial.index == page.id {
            problems.push(
                Diagnostic::error("a tutorial's index page cannot itself be a step")
                    .in_file(&page.source.display_path)
                    .at(at(step.line))
                    .with_hint("move the step into its own page in the tutorial folder"),
            );
            continue;
        }
        let on_paths = match &front.paths {
            None => (0..tutorial.paths.len()).collect(),
            Some(listed) => {
                let mut on = Vec::new();
                for id in &listed.value {
                    match tutorial.paths.iter().position(|p| &p.id == id) {
                        Some(i) if !on.contains(&i) => on.push(i),
                        Some(_) => {}
                        None => problems.push(unknown_path(id, tutorial, page, at(listed.line))),
                    }
                }
                on
            }
        };
        let path_ids: Vec<&str> = on_paths
            .iter()
            .map(|&i| tutorial.paths[i].id.as_str())
            .collect();
        tutorial.steps.push(Step {
            page: page.id,
            number: step.value,
            path_ids: path_ids.join(" "),
            paths: on_paths,
            places: Vec::new(),
        });
    }

    for tutorial in &mut tutorials {
        tutorial.steps.sort_by(|a, b| {
            (a.number, &pages[a.page.0 as usize].rel_path)
                .cmp(&(b.number, &pages[b.page.0 as usize].rel_path))
        });
        for (path_index, path) in tutorial.paths.iter_mut().enumerate() {
            let on_path: Vec<&Step> = tutorial
                .steps
                .iter()
                .filter(|s| s.paths.contains(&path_index))
                .collect();
            for pair in on_path.windows(2) {
                if pair[0].number == pair[1].number {
                    let first = &pages[pair[0].page.0 as usize];
                    let second = &pages[pair[1].page.0 as usize];
                    let line = second.source.front.step.as_ref().map_or(1, |s| s.line);
                    problems.push(
                        Diagnostic::error(format!(
                            "step {} appears twice on path `{}`: in {} and {}",
                            pair[1].number,
                            path.id,
                            first.source.display_path.display(),
                            second.source.display_path.display()
                        ))
                        .in_file(&second.source.display_path)
                        .at(Location::line_in_text(&second.source.text, line))
                        .with_hint("give each step on a path its own number"),
                    );
                }
            }
            path.steps = on_path.iter().map(|s| s.page).collect();
        }
        tutorial.index_steps();
        let index = &pages[tutorial.index.0 as usize];
        for path in tutorial.paths.iter().filter(|p| p.steps.is_empty()) {
            let line = index.source.front.tutorial.as_ref().map_or(1, |t| t.line);
            problems.push(
                Diagnostic::error(format!("tutorial path `{}` has no steps", path.id))
                    .in_file(&index.source.display_path)
                    .at(Location::line_in_text(&index.source.text, line))
                    .with_hint(format!(
                        "add `paths: [{}]` to a step, or remove the path",
                        path.id
                    )),
            );
        }
    }
    (tutorials, membership, problems)
}

fn declared_tutorials(pages: &[Page], problems: &mut Vec<Diagnostic>) -> Vec<Tutorial> {
    let mut tutorials: Vec<Tutorial> = Vec::new();
    for page in pages {
        let Some(decl) = &page.source.front.tutorial else {
            continue;
        };
        let at = Location::line_in_text(&page.source.text, decl.line);
        let dir = match page.rel_path.strip_suffix("index.md") {
            Some(dir) if dir.is_empty() || dir.ends_with('/') => dir.to_string(),
            _ => {
                problems.push(
                    Diagnostic::error("`tutorial` can only be declared in a folder's index.md")
                        .in_file(&page.source.display_path)
                        .at(at)
                        .with_hint("move the tutorial's pages into a folder and declare `tutorial:` in its index.md"),
                );
                continue;
            }
        };
        let mut paths: Vec<TutorialPath> = Vec::new();
        for declared in &decl.value.paths {
            if paths.iter().any(|p| p.id == declared.id) {
                problems.push(
                    Diagnostic::error(format!("tutorial path `{}` is declared twice", declared.id))
                        .in_file(&page.source.display_path)
                        .at(at.clone())
                        .with_hint("give every path its own id"),
                );
                continue;
            }
            paths.push(TutorialPath {
                id: declared.id.clone(),
                title: declared.title.clone(),
                steps: Vec::new(),
            });
        }
        if paths.is_empty() {
            paths.push(TutorialPath {
                id: DEFAULT_PATH.into(),
                title: page.title.clone(),
                steps: Vec::new(),
            });
        }
        tutorials.push(Tutorial {
            index: page.id,
            dir,
            paths,
            steps: Vec::new(),
            step_index: FxHashMap::default(),
        });
    }
    // Pages are sorted by path, so an enclosing tutorial always comes first.
    let mut kept: Vec<Tutorial> = Vec::new();
    for tutorial in tutorials {
        if let Some(outer) = kept
            .iter()
            .find(|outer| tutorial.dir.starts_with(&outer.dir))
        {
            let page = &pages[tutorial.index.0 as usize];
            let line = page.source.front.tutorial.as_ref().map_or(1, |t| t.line);
            problems.push(
                Diagnostic::error(format!(
                    "tutorial nested inside the tutorial of {}",
                    pages[outer.index.0 as usize].source.display_path.display()
                ))
                .in_file(&page.source.display_path)
                .at(Location::line_in_text(&page.source.text, line))
                .with_hint(
                    "tutorials cannot contain tutorials: move this folder out, or use paths",
                ),
            );
            continue;
        }
        kept.push(tutorial);
    }
    kept
}

fn unknown_path(id: &str, tutorial: &Tutorial, page: &Page, at: Location) -> Diagnostic {
    let declared: Vec<&str> = tutorial.paths.iter().map(|p| p.id.as_str()).collect();
    let mut hint = format!(
        "declared paths: {}",
        declared
            .iter()
            .map(|d| format!("`{d}`"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if let Some(near) = closest(id, declared.iter().copied()) {
        hint = format!("did you mean `{near}`? {hint}");
    }
    Diagnostic::error(format!("path `{id}` is not declared by this tutorial"))
        .in_file(&page.source.display_path)
        .at(at)
        .with_hint(hint)
}
