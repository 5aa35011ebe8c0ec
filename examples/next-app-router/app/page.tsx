const PRODUCTS = [
  { name: 'Linen tote bag', price: '€ 24.00' },
  { name: 'Ceramic mug', price: '€ 14.50' },
  { name: 'Beeswax candle', price: '€ 9.90' },
];

export default function HomePage() {
  return (
    <>
      <h1>New this week</h1>
      <ul>
        {PRODUCTS.map((product) => (
          <li key={product.name}>
            {product.name}: {product.price}
          </li>
        ))}
      </ul>
    </>
  );
}
