use yew::prelude::*;

/// The level of the widget's own heading, set by the `heading-level`
/// attribute so the widget fits the host page's outline.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HeadingBase(pub u8);

#[derive(Properties, PartialEq)]
pub struct HeadingProps {
    /// 0 for the widget's heading, 1 for what sits under it, and so on.
    pub depth: u8,
    pub class: Classes,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    #[prop_or_default]
    pub part: Option<AttrValue>,
    /// For words not in the widget's language.
    #[prop_or_default]
    pub lang: Option<AttrValue>,
    /// Headings that take focus (the form, its panels) are given `tabindex="-1"`.
    #[prop_or_default]
    pub node: Option<NodeRef>,
    pub children: Html,
}

/// `<h2>`…`<h6>`, relative to the widget's base level, never past `<h6>`.
#[function_component]
pub fn Heading(props: &HeadingProps) -> Html {
    let base = use_context::<HeadingBase>().map_or(2, |b| b.0);
    let tag = format!("h{}", (base + props.depth).clamp(1, 6));
    let tabindex = props.node.as_ref().map(|_| "-1");
    html! {
        <@{tag} class={props.class.clone()} id={props.id.clone()} part={props.part.clone()} lang={props.lang.clone()} {tabindex}
            ref={props.node.clone().unwrap_or_default()}>
            { props.children.clone() }
        </@>
    }
}
