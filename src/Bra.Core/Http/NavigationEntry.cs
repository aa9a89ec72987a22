namespace Bra.Core.Http;

/// <summary>
/// A staff page's place in the staff navigation: its Swedish <paramref name="Label"/> and its <paramref name="Order"/>
/// (ascending, unique). The navigation lists the pages whose <see cref="Access"/> the signed-in person passes.
/// </summary>
public sealed record NavigationEntry(int Order, string Label);
